package dev.drover.engine.auth;

/**
 * Checks a user name and password against one identity provider (local users, LDAP/AD, …).
 * Blocking (hashing, network): call off the FX thread. Thread-safe.
 */
public interface Authenticator {

    /** The provider's name as recorded on tokens, e.g. {@code local}. */
    String provider();

    /** Returns the principal, or throws {@link AuthenticationException} without saying which part was wrong. */
    Principal authenticate(String username, char[] password);
}
