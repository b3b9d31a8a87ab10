package dev.drover.engine.auth;

/**
 * The caller is not who they claim (bad password, unknown/expired/revoked token): HTTP 401. The
 * message is safe to show: it never says whether a user exists, and never contains the credential.
 */
public final class AuthenticationException extends RuntimeException {
    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
