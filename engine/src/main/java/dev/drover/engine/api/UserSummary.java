package dev.drover.engine.api;

/** A user as listed; never carries the password hash. */
public record UserSummary(String username, String displayName, String provider, boolean enabled, boolean admin) {
}
