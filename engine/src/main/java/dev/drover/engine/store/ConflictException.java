package dev.drover.engine.store;

/** The object changed since it was read (optimistic concurrency): the caller read a stale revision. */
public final class ConflictException extends StoreException {
    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
