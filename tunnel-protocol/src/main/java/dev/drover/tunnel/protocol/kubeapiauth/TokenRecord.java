package dev.drover.tunnel.protocol.kubeapiauth;

import java.util.List;
import java.util.Objects;

/**
 * One Drover token as kube-api-auth knows it: enough to check a presented {@code token-xxxxx:secret},
 * nothing that would let anyone present it.
 *
 * @param id         {@code token-xxxxx}
 * @param salt       hex, as the engine stores it
 * @param secretHash hex SHA-256 of the salt's bytes followed by the secret's UTF-8 (the engine's own scheme)
 * @param username   Drover user name
 * @param groups     the user's groups at issue time
 * @param expiresAt  epoch seconds after which the token is dead; 0 for no hard expiry
 */
public record TokenRecord(String id, String salt, String secretHash, String username, List<String> groups, long expiresAt) {

    public TokenRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(username, "username");
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** Hides the hash. */
    @Override
    public String toString() {
        return "TokenRecord[" + id + ", user=" + username + "]";
    }
}
