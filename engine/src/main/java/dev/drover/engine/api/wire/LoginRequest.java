package dev.drover.engine.api.wire;

/**
 * Body of {@code POST /v3/login}.
 *
 * @param provider {@code local} (default) or a configured external provider such as {@code ldap}
 * @param username the user name
 * @param password the password; never logged
 */
public record LoginRequest(String provider, String username, String password) {
    @Override
    public String toString() {
        return "LoginRequest[provider=" + provider + ", username=" + username + ", password=<hidden>]";
    }
}
