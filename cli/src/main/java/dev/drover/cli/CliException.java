package dev.drover.cli;

/**
 * A failure the user can act on: one sentence for standard error and the exit status (see
 * {@link ExitCodes}). Printed without a stack trace, even with {@code --debug} only the cause's is shown.
 */
public final class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
