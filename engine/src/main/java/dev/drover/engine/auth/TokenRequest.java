package dev.drover.engine.auth;

import java.time.Duration;

/**
 * What kind of token to issue.
 *
 * @param ttl         lifetime; {@code null} for no hard expiry
 * @param idleTimeout dies when unused this long; {@code null} for none
 * @param clusterId   the one cluster it may be used for; empty for all clusters and the management API
 * @param description what it is for
 */
public record TokenRequest(Duration ttl, Duration idleTimeout, String clusterId, String description) {

    /** What a console login gets: 16 hours, dies after 2 idle hours. */
    public static final TokenRequest LOGIN = new TokenRequest(Duration.ofHours(16), Duration.ofHours(2), "", "console login");

    public TokenRequest {
        clusterId = clusterId == null ? "" : clusterId.strip();
        description = description == null ? "" : description.strip();
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("ttl: must be positive.");
        }
        if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
            throw new IllegalArgumentException("idleTimeout: must be positive.");
        }
    }

    public static TokenRequest forCluster(String clusterId, Duration ttl) {
        return new TokenRequest(ttl, null, clusterId, "cluster " + clusterId);
    }
}
