package dev.drover.engine.api.wire;

/**
 * Answer to a successful login.
 *
 * @param token     {@code token-xxxxx:secret}, the bearer credential for every later call
 * @param username  who logged in
 * @param expiresAt ISO-8601 hard expiry, or {@code null}
 */
public record LoginResponse(String token, String username, String expiresAt) {
    @Override
    public String toString() {
        return "LoginResponse[token=<hidden>, username=" + username + ", expiresAt=" + expiresAt + "]";
    }
}
