package dev.drover.cli;

/**
 * The exit statuses of every {@code drover} command, shared so scripts can branch on them. The numbers
 * follow sysexits(3) where one fits, and agree with what {@code ServerMain}, the agents and the console's
 * {@code Main} already return when they end the process themselves (2 for a wrong command line, 69 when
 * something needed is unavailable).
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** The operation ran and failed (a provisioning step, nothing recoverable, a refused request). */
    public static final int FAILED = 1;
    /** Wrong command line (picocli's own default, and ServerMain's). */
    public static final int USAGE = 2;
    /** An input file is missing, unreadable or invalid (cluster.yml, cluster.rkestate, a kubeconfig). */
    public static final int BAD_INPUT = 65;
    /** Something needed is not there: the server cannot be reached or cannot start, no display for the console. */
    public static final int UNAVAILABLE = 69;
    /** A bug: an error nobody anticipated (run again with --debug for the stack trace). */
    public static final int INTERNAL = 70;
    /** The server refused the credentials, or its CA is not the pinned one. */
    public static final int NO_PERMISSION = 77;
    /** Stopped with Ctrl-C (128 + SIGINT). */
    public static final int CANCELLED = 130;

    /** The {@code --help} footer: the same table as the module README. */
    static final String FOOTER = """
            %nExit codes:
              0    success
              1    the operation ran and failed (e.g. a provisioning step, no usable context)
              2    wrong command line
              65   an input file is missing or invalid (cluster.yml, cluster.rkestate, kubeconfig)
              69   unavailable: server unreachable or cannot start, no display for the console
              70   internal error (run again with --debug for the stack trace)
              77   credentials refused, or the server's CA is not the pinned one
              130  cancelled with Ctrl-C""";

    private ExitCodes() {
    }
}
