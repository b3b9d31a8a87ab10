package dev.drover.engine.store;

/** Another process holds the data directory. */
public final class StoreLockedException extends StoreException {
    public StoreLockedException(String message) {
        super(message);
    }

    public StoreLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
