package dev.drover.engine.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What the store keeps of a cluster registration token (kind {@value #KIND}, name = the token's id):
 * never the secret itself, only a salted SHA-256 of it.
 *
 * @param clusterId  the imported cluster whose agents present this token
 * @param salt       random hex, unique per token
 * @param secretHash hex SHA-256 of {@code salt + secret}
 * @param created    when the token was made
 */
public record ClusterRegistrationToken(String clusterId, String salt, String secretHash, Instant created) {

    public static final String KIND = "ClusterRegistrationToken";

    public ClusterRegistrationToken {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(secretHash, "secretHash");
    }
}
