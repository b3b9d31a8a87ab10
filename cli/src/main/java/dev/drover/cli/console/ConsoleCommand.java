package dev.drover.cli.console;

import dev.drover.app.Main;
import dev.drover.app.connect.ConsoleSettings;
import dev.drover.app.connect.RememberedServer;
import dev.drover.cli.CliException;
import dev.drover.cli.ExitCodes;
import dev.drover.engine.api.LocalManagementApi;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drover console}: the desktop console. Lab (in-process engine) unless the user last attached to a
 * server or names one with {@code --server}; then the connect page opens with that server filled in,
 * because the password is asked for in the window, never taken from the command line.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {
                "Open the desktop console.",
                "By default on the in-process lab engine; the connect page instead when the console was last attached",
                "to a server or --server names one (log in there; the password is never taken from the command line)."})
public final class ConsoleCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Lab engine state directory (default: DROVER_DATA_DIR, else the per-user data directory).")
    Path dataDirectory;

    @Option(names = "--server", paramLabel = "URL", description = "Attach to the shared server at https://HOST:PORT.")
    String server;

    // Not checked here: a double-click has no terminal, so the window tells what is wrong with the file.
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "An RKE cluster.yml to open in the RKE wizard's review step once the console is attached.")
    Path file;

    private final Consumer<String[]> console;

    public ConsoleCommand() {
        this(Main::main);
    }

    /** For tests: {@code console} receives the arguments app's {@code Main} would get. */
    public ConsoleCommand(Consumer<String[]> console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (server != null && dataDirectory != null) {
            throw new CliException(ExitCodes.USAGE, "Choose --server or --data-dir, not both: the console attaches to one engine.");
        }
        ConsoleSettings settings = ConsoleSettings.load(configDirectory());
        if (server != null) {
            String url = httpsUrl(server);
            settings.rememberServer(settings.server(url).orElse(new RememberedServer(url, "", "")));
            settings.setLastMode("remote");
            settings.save();
            console.accept(withFile("console"));
        } else if (dataDirectory == null && "remote".equals(settings.lastMode())) {
            console.accept(withFile("console"));
        } else {
            Path lab = dataDirectory != null ? dataDirectory : LocalManagementApi.defaultDataDirectory();
            console.accept(withFile("console", "--data-dir", lab.toString()));
        }
        return ExitCodes.OK;
    }

    /** The console's arguments, the file (absolute, as the console's working directory may differ) last. */
    private String[] withFile(String... args) {
        if (file == null) {
            return args;
        }
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = file.toAbsolutePath().toString();
        return all;
    }

    /** Sets the file when {@code drover FILE} (an installer's file association) names it without the command. */
    public void setFile(Path file) {
        this.file = file;
    }

    /** Where the console keeps its settings; the same override ConsoleApp honours. */
    static Path configDirectory() {
        String override = System.getProperty("drover.configDir");
        return override != null ? Path.of(override) : ConsoleSettings.defaultDirectory();
    }

    private static String httpsUrl(String value) {
        try {
            URI uri = new URI(value.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not https");
            }
            return "https://" + uri.getRawAuthority();
        } catch (URISyntaxException e) {
            throw new CliException(ExitCodes.USAGE, "--server takes the https://HOST:PORT URL `drover server` printed, got \"" + value + "\".");
        }
    }
}
