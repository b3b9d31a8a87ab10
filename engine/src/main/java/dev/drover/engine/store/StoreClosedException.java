package dev.drover.engine.store;

/** The store was closed. */
public final class StoreClosedException extends StoreException {
    public StoreClosedException(String message) {
        super(message);
    }

    public StoreClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
