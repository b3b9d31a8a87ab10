package dev.drover.engine.model;

import java.util.Objects;

/**
 * How Drover authenticates to one downstream API server for the auth proxy (kind {@value #KIND}, name =
 * cluster id). The bearer token belongs to an account that may only impersonate; unlike Drover's own
 * tokens it must be usable, so it is kept encrypted ({@code engine.credential.SecretCipher}), never hashed.
 *
 * @param clusterId   the cluster
 * @param server      API server URL as dialled: for direct clusters as reachable from Drover (empty: the
 *                    cluster's {@code apiEndpoint}); for agent clusters as the agent sees it, e.g.
 *                    {@code https://kubernetes.default.svc:443}
 * @param caPem       CA that signed the API server's certificate; empty to use the JVM's trust store
 * @param sealedToken the token, AES-GCM sealed and base64 encoded; never the plain token
 */
public record ClusterCredential(String clusterId, String server, String caPem, String sealedToken) {

    public static final String KIND = "ClusterCredential";

    public ClusterCredential {
        Objects.requireNonNull(clusterId, "clusterId");
        server = server == null ? "" : server;
        caPem = caPem == null ? "" : caPem;
        Objects.requireNonNull(sealedToken, "sealedToken");
    }

    /** Hides the sealed token from logs. */
    @Override
    public String toString() {
        return "ClusterCredential[" + clusterId + ", server=" + server + "]";
    }
}
