package dev.drover.engine.store;

/**
 * Base of every store failure. Unchecked so it travels through {@code CompletableFuture}s; each
 * subclass is one case a caller may want to handle. Messages are single sentences for users.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
