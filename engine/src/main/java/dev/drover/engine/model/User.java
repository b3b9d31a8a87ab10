package dev.drover.engine.model;

import java.util.Objects;

/**
 * A person who can log in (kind {@value #KIND}, name = {@link #username()}).
 *
 * @param username     lower-case login name, unique
 * @param displayName  how the console shows the user
 * @param passwordHash Argon2id PHC string for local users; empty for users of an external provider
 * @param enabled      disabled users cannot log in and their tokens stop working
 * @param provider     {@code local} or the external provider's name (e.g. {@code ldap})
 * @param admin        full access to everything (the bootstrap admin)
 */
public record User(String username, String displayName, String passwordHash, boolean enabled, String provider, boolean admin) {

    public static final String KIND = "User";

    public User {
        Objects.requireNonNull(username, "username");
        displayName = displayName == null ? username : displayName;
        passwordHash = passwordHash == null ? "" : passwordHash;
        provider = provider == null ? "local" : provider;
    }

    public User withPasswordHash(String hash) {
        return new User(username, displayName, hash, enabled, provider, admin);
    }

    public User withEnabled(boolean value) {
        return new User(username, displayName, passwordHash, value, provider, admin);
    }

    /** Hides the password hash from logs. */
    @Override
    public String toString() {
        return "User[" + username + ", provider=" + provider + ", enabled=" + enabled + ", admin=" + admin + "]";
    }
}
