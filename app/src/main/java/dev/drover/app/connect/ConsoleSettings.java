package dev.drover.app.connect;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What the console remembers between runs, in {@code console.properties} in the user's config
 * directory ({@code $XDG_CONFIG_HOME/drover}, else {@code ~/.config/drover}): remembered servers, the
 * last one used, window bounds, the theme. Holds no secret. Written whole to a temporary file and
 * moved into place, so a crash never leaves half a file; a damaged file is read as empty settings.
 * Plain file I/O of a few hundred bytes: callers may use it on the FX thread at start and close.
 */
public final class ConsoleSettings {

    private static final int MAX_SERVERS = 10;

    private final Path file;
    private final Properties values = new Properties();

    private ConsoleSettings(Path file) {
        this.file = file;
    }

    /** Reads the settings in {@code directory}; missing or unreadable means defaults. */
    public static ConsoleSettings load(Path directory) {
        ConsoleSettings settings = new ConsoleSettings(directory.resolve("console.properties"));
        if (Files.isReadable(settings.file)) {
            try (Reader reader = Files.newBufferedReader(settings.file, StandardCharsets.UTF_8)) {
                settings.values.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                settings.values.clear();
            }
        }
        return settings;
    }

    /** {@code $XDG_CONFIG_HOME/drover}, else {@code ~/.config/drover}. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("drover");
    }

    public List<RememberedServer> servers() {
        List<RememberedServer> servers = new ArrayList<>();
        for (int i = 0; i < MAX_SERVERS; i++) {
            String url = values.getProperty("server." + i + ".url");
            if (url != null) {
                servers.add(new RememberedServer(url, values.getProperty("server." + i + ".username"),
                        values.getProperty("server." + i + ".fingerprint")));
            }
        }
        return servers;
    }

    /** Puts {@code server} first (it is the last used), replacing an older entry with the same URL. */
    public void rememberServer(RememberedServer server) {
        List<RememberedServer> servers = new ArrayList<>(servers());
        servers.removeIf(known -> known.url().equals(server.url()));
        servers.addFirst(server);
        values.stringPropertyNames().stream().filter(key -> key.startsWith("server.")).toList().forEach(values::remove);
        for (int i = 0; i < Math.min(servers.size(), MAX_SERVERS); i++) {
            values.setProperty("server." + i + ".url", servers.get(i).url());
            values.setProperty("server." + i + ".username", servers.get(i).username());
            values.setProperty("server." + i + ".fingerprint", servers.get(i).fingerprint());
        }
    }

    /** Forgets a server and the fingerprint confirmed for it; the next connection asks again. */
    public void forgetServer(String url) {
        List<RememberedServer> kept = new ArrayList<>(servers());
        kept.removeIf(known -> known.url().equals(url));
        values.stringPropertyNames().stream().filter(key -> key.startsWith("server.")).toList().forEach(values::remove);
        for (int i = kept.size() - 1; i >= 0; i--) {
            rememberServer(kept.get(i));
        }
    }

    public Optional<RememberedServer> server(String url) {
        return servers().stream().filter(server -> server.url().equals(url)).findFirst();
    }

    /** "lab" or "remote": how the console attached last time. */
    public String lastMode() {
        return values.getProperty("last.mode", "lab");
    }

    public void setLastMode(String mode) {
        values.setProperty("last.mode", mode);
    }

    /** "light", "dark", or empty to follow the OS. */
    public String theme() {
        return values.getProperty("theme", "");
    }

    public void setTheme(String theme) {
        values.setProperty("theme", theme);
    }

    public Optional<WindowBounds> window() {
        try {
            return Optional.of(new WindowBounds(
                    Double.parseDouble(values.getProperty("window.x")), Double.parseDouble(values.getProperty("window.y")),
                    Double.parseDouble(values.getProperty("window.width")), Double.parseDouble(values.getProperty("window.height")),
                    Boolean.parseBoolean(values.getProperty("window.maximized"))));
        } catch (NullPointerException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void setWindow(WindowBounds bounds) {
        values.setProperty("window.x", Double.toString(bounds.x()));
        values.setProperty("window.y", Double.toString(bounds.y()));
        values.setProperty("window.width", Double.toString(bounds.width()));
        values.setProperty("window.height", Double.toString(bounds.height()));
        values.setProperty("window.maximized", Boolean.toString(bounds.maximized()));
    }

    /** Writes the file atomically. Fails with {@link UncheckedIOException} when the directory is not writable. */
    public void save() {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "console", ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                values.store(writer, "Drover console settings; no secrets are kept here");
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save console settings to " + file, e);
        }
    }

    /** Where and how big the window was; {@code maximized} wins over the size when restoring. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }
}
