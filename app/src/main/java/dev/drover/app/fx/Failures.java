package dev.drover.app.fx;

import dev.drover.engine.api.ApiException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failed engine call into the one sentence a page shows. */
public final class Failures {

    private Failures() {
    }

    /** The engine's own sentence for an {@link ApiException}; otherwise {@code doing + ": " + message}. */
    public static String describe(Throwable failure, String doing) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiException) {
            return cause.getMessage();
        }
        String message = cause.getMessage();
        return doing + ": " + (message == null ? cause.getClass().getSimpleName() : message);
    }

    /** The reason when the engine said why, else {@code null}. */
    public static ApiException.Reason reason(Throwable failure) {
        return unwrap(failure) instanceof ApiException api ? api.reason() : null;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
