package dev.drover.engine.store;

/** The store file is damaged; nothing was overwritten. */
public final class StoreDamagedException extends StoreException {
    public StoreDamagedException(String message) {
        super(message);
    }

    public StoreDamagedException(String message, Throwable cause) {
        super(message, cause);
    }
}
