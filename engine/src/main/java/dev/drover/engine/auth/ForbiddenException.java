package dev.drover.engine.auth;

/** The caller is known but may not do this (e.g. a cluster-scoped token used on another cluster): HTTP 403. */
public final class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
