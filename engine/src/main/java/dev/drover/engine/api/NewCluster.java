package dev.drover.engine.api;

/**
 * A request to register a cluster.
 *
 * @param displayName 1–63 characters, unique among clusters
 * @param kind        how the cluster is managed
 * @param apiEndpoint https URL of the API server for {@link ClusterKind#DIRECT}; empty otherwise
 * @param credential  what Drover presents to a {@link ClusterKind#DIRECT} cluster; {@code null} otherwise
 *                    (a direct cluster without one is registered but cannot be reached)
 */
public record NewCluster(String displayName, ClusterKind kind, String apiEndpoint, DirectCredential credential) {
    public NewCluster {
        apiEndpoint = apiEndpoint == null ? "" : apiEndpoint.strip();
    }

    /** A request without a credential: imported and RKE clusters, or a direct cluster to be reached later. */
    public NewCluster(String displayName, ClusterKind kind, String apiEndpoint) {
        this(displayName, kind, apiEndpoint, null);
    }
}
