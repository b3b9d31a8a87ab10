package dev.drover.engine.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An API token (kind {@value #KIND}, name = {@link #id()}). The user holds {@code id:secret}; the store
 * holds only a salted hash of the secret.
 *
 * @param id          {@code token-} and five letters or digits
 * @param username    whose token it is
 * @param provider    which authenticator vouched for the user when it was issued
 * @param groups      the user's groups at issue time (external providers), sent on as Impersonate-Group
 * @param salt        hex, per token
 * @param secretHash  hex SHA-256 of salt and secret
 * @param createdAt   when issued
 * @param expiresAt   hard end of life; {@code null} for none
 * @param idleTimeout the token dies when unused this long; {@code null} for none
 * @param lastUsedAt  last successful use (updated at most once a minute)
 * @param clusterId   the one cluster the token works for; empty for all
 * @param description what the user said it is for
 * @param enabled     false once revoked
 */
public record Token(String id, String username, String provider, List<String> groups, String salt, String secretHash,
                    Instant createdAt, Instant expiresAt, Duration idleTimeout, Instant lastUsedAt, String clusterId,
                    String description, boolean enabled) {

    public static final String KIND = "Token";

    public Token {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        provider = provider == null ? "local" : provider;
        groups = groups == null ? List.of() : List.copyOf(groups);
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(createdAt, "createdAt");
        lastUsedAt = lastUsedAt == null ? createdAt : lastUsedAt;
        clusterId = clusterId == null ? "" : clusterId;
        description = description == null ? "" : description;
    }

    public boolean isClusterScoped() {
        return !clusterId.isEmpty();
    }

    public Token withLastUsedAt(Instant when) {
        return new Token(id, username, provider, groups, salt, secretHash, createdAt, expiresAt, idleTimeout, when,
                clusterId, description, enabled);
    }

    public Token revoked() {
        return new Token(id, username, provider, groups, salt, secretHash, createdAt, expiresAt, idleTimeout, lastUsedAt,
                clusterId, description, false);
    }

    /** Hides the hash and salt from logs. */
    @Override
    public String toString() {
        return "Token[" + id + ", user=" + username + ", cluster=" + (clusterId.isEmpty() ? "*" : clusterId) + "]";
    }
}
