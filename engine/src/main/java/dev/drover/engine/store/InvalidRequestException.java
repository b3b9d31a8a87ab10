package dev.drover.engine.store;

/** The request itself is malformed (bad selector, bad continue token, bad key). */
public final class InvalidRequestException extends StoreException {
    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
