package dev.drover.engine.store;

/** The requested revision is older than the retained history; list again and watch from the new revision. */
public final class RevisionCompactedException extends StoreException {
    public RevisionCompactedException(String message) {
        super(message);
    }

    public RevisionCompactedException(String message, Throwable cause) {
        super(message, cause);
    }
}
