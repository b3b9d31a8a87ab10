package dev.drover.cli;

import dev.drover.engine.api.ApiException;
import dev.drover.engine.provision.rke.ClusterConfigException;
import dev.drover.engine.provision.rke.ProvisionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns whatever a command throws into one line on standard error and an exit status, so a user never
 * sees a stack trace unless they asked for it with {@code --debug}.
 */
final class Failures implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception thrown, CommandLine command, ParseResult parsed) {
        Throwable failure = unwrap(thrown);
        PrintWriter err = command.getErr();
        err.println("drover: " + sentence(failure));
        if (debug(parsed)) {
            failure.printStackTrace(err);
        } else if (exitCode(failure) == ExitCodes.INTERNAL) {
            err.println("drover: run the command again with --debug to see where it happened.");
        }
        err.flush();
        return exitCode(failure);
    }

    static int exitCode(Throwable failure) {
        return switch (failure) {
            case CliException cli -> cli.exitCode();
            case ClusterConfigException ignored -> ExitCodes.BAD_INPUT;
            case ProvisionException ignored -> ExitCodes.FAILED;
            case ApiException api -> switch (api.reason()) {
                case UNAVAILABLE -> ExitCodes.UNAVAILABLE;
                case UNAUTHENTICATED, FORBIDDEN, UNTRUSTED -> ExitCodes.NO_PERMISSION;
                case INVALID -> ExitCodes.USAGE;
                default -> ExitCodes.FAILED;
            };
            case IOException ignored -> ExitCodes.BAD_INPUT;
            case UncheckedIOException ignored -> ExitCodes.BAD_INPUT;
            default -> ExitCodes.INTERNAL;
        };
    }

    static String sentence(Throwable failure) {
        String message = failure.getMessage();
        if (exitCode(failure) == ExitCodes.INTERNAL || message == null || message.isBlank()) {
            return "unexpected " + failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }
        return message;
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable failure = thrown;
        while ((failure instanceof ExecutionException || failure instanceof CompletionException) && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }

    private static boolean debug(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
