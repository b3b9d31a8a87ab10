package dev.drover.engine.auth;

import java.time.Instant;

/**
 * A token just issued. {@link #value()} is shown to the user once and never stored.
 *
 * @param id        the token's name, e.g. {@code token-4x7kq}
 * @param value     {@code id:secret}, the bearer credential
 * @param expiresAt hard expiry, or {@code null}
 */
public record IssuedToken(String id, String value, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedToken[" + id + ", expiresAt=" + expiresAt + "]";
    }
}
