package dev.drover.engine.store;

/** An object with the same key exists already. */
public final class AlreadyExistsException extends StoreException {
    public AlreadyExistsException(String message) {
        super(message);
    }

    public AlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
