package dev.drover.engine.api;

/**
 * A request to register a cluster.
 *
 * @param displayName 1–63 characters, unique among clusters
 * @param kind        how the cluster is managed
 * @param apiEndpoint https URL of the API server for {@link ClusterKind#DIRECT}; empty otherwise
 */
public record NewCluster(String displayName, ClusterKind kind, String apiEndpoint) {
    public NewCluster {
        apiEndpoint = apiEndpoint == null ? "" : apiEndpoint.strip();
    }
}
