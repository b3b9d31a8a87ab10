package dev.drover.engine.api;

import java.util.Objects;

/**
 * What a user runs against an imported cluster to connect it: {@link #kubectlCommand()}.
 *
 * @param clusterId      the imported cluster
 * @param manifestUrl    where the server serves the agents' manifest; it embeds a new registration
 *                       token, so treat it as a secret
 * @param kubectlCommand {@code kubectl apply -f <manifestUrl>}
 */
public record ClusterImport(String clusterId, String manifestUrl, String kubectlCommand) {
    public ClusterImport {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(manifestUrl, "manifestUrl");
        Objects.requireNonNull(kubectlCommand, "kubectlCommand");
    }

    /** Hides the token-bearing URL, so the record can be logged. */
    @Override
    public String toString() {
        return "ClusterImport[clusterId=" + clusterId + ", manifestUrl=<hidden>]";
    }
}
