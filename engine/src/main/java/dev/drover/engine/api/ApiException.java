package dev.drover.engine.api;

import java.util.Objects;

/**
 * Why a command failed, in terms the console can act on. The message is one sentence a user can
 * read; it never contains credentials.
 */
public final class ApiException extends RuntimeException {

    /** The kind of failure, for the console to choose how to react. */
    public enum Reason {
        /** Bad input; the message names the field. */
        INVALID,
        /** The object does not exist (any more). */
        NOT_FOUND,
        /** An object with that name exists already. */
        ALREADY_EXISTS,
        /** Someone else changed the object first; reload and retry. */
        CONFLICT,
        /** The engine or its store cannot serve the request right now. */
        UNAVAILABLE,
        /** The server does not know who is calling (no, wrong, expired or revoked token): log in again. */
        UNAUTHENTICATED,
        /** The caller is known but may not do this (e.g. not an administrator). */
        FORBIDDEN,
        /** The server's identity could not be verified (its CA is not the one pinned); nothing was sent. */
        UNTRUSTED
    }

    private final Reason reason;

    public ApiException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ApiException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
