package dev.drover.app;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The console's command line: {@code console [--data-dir DIR] [FILE]}. The command may be left out so a
 * packaged launcher that passes no arguments still opens the console.
 *
 * @param help          whether the user asked for the usage text
 * @param dataDirectory the lab engine's data directory, or {@code null} for the default
 * @param file          an RKE cluster.yml to open in the wizard once attached (a file manager's "Open with"),
 *                      or {@code null}; only named here, read once the console is up so a bad file is told in the window
 */
public record LaunchOptions(boolean help, Path dataDirectory, Path file) {

    public static final String USAGE = """
            Usage: drover console [--data-dir DIR] [FILE]
              console          open the desktop console on the in-process (lab) engine
              FILE             an RKE cluster.yml: opened in the RKE wizard's review step
              --data-dir DIR   keep the lab engine's state in DIR instead of the default
                               (DROVER_DATA_DIR or -Ddrover.dataDir also set it)""";

    /** Parses the arguments; a mistake fails with an {@link IllegalArgumentException} saying what is wrong. */
    public static LaunchOptions parse(List<String> args) {
        boolean help = false;
        Path dataDirectory = null;
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (i == 0 && arg.equals("console")) {
                continue;
            }
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("help")) {
                help = true;
            } else if (arg.equals("--data-dir")) {
                if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                    throw new IllegalArgumentException("--data-dir needs a directory.");
                }
                dataDirectory = Path.of(args.get(++i));
            } else if (arg.startsWith("--data-dir=")) {
                String value = arg.substring("--data-dir=".length());
                if (value.isBlank()) {
                    throw new IllegalArgumentException("--data-dir needs a directory.");
                }
                dataDirectory = Path.of(value);
            } else if (!arg.startsWith("-") && !arg.isBlank() && file == null) {
                file = Path.of(arg);
            } else if (file != null && !arg.startsWith("-")) {
                throw new IllegalArgumentException("Open one file at a time, not \"" + file + "\" and \"" + arg + "\".");
            } else {
                throw new IllegalArgumentException("Unknown argument \"" + arg + "\".");
            }
        }
        return new LaunchOptions(help, dataDirectory, file);
    }

    /** The chosen data directory, or the fallback's when none was given. */
    public Path dataDirectoryOr(Supplier<Path> fallback) {
        return dataDirectory != null ? dataDirectory : fallback.get();
    }
}
