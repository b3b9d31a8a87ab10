package dev.drover.engine.credential;

import java.util.Objects;

/**
 * An opened {@link dev.drover.engine.model.ClusterCredential}: what a client needs to call one
 * downstream API server. Holds the plain token in memory only; {@link #toString} hides it.
 *
 * @param clusterId the cluster
 * @param server    API server URL as dialled (see {@link dev.drover.engine.model.ClusterCredential#server})
 * @param caPem     trusted CA, or empty for the JVM's trust store
 * @param token     the bearer token of the impersonating account
 * @param revision  store revision of the credential, to notice rotation
 */
public record DownstreamCredential(String clusterId, String server, String caPem, String token, long revision) {

    public DownstreamCredential {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(caPem, "caPem");
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "DownstreamCredential[" + clusterId + ", server=" + server + ", revision=" + revision + "]";
    }
}
