package dev.drover.app;

import java.util.List;
import javafx.application.Application;

/**
 * The launcher. It must not extend {@link Application}: with JavaFX on the class path (not the
 * module path) the JDK's launcher refuses such a main class ("JavaFX runtime components are missing").
 */
public final class Main {

    /** Wrong command line, as sysexits' EX_USAGE would say. */
    static final int EXIT_USAGE = 64;
    /** No display to open a window on, as sysexits' EX_UNAVAILABLE. */
    static final int EXIT_NO_DISPLAY = 69;

    private Main() {
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("drover: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        if (options.help()) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        try {
            Application.launch(ConsoleApp.class, args);
        } catch (UnsupportedOperationException e) {
            // JavaFX's way of saying there is no screen (no DISPLAY on Linux); a stack trace helps nobody here.
            System.err.println("drover: the console needs a desktop session (" + e.getMessage()
                    + "). On a machine without a display, run the shared server instead.");
            System.exit(EXIT_NO_DISPLAY);
        }
    }
}
