package dev.drover.engine.store;

/** The object does not exist (or no longer does). */
public final class NotFoundException extends StoreException {
    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
