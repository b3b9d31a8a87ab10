package dev.drover.engine.model;

import java.util.List;
import java.util.Objects;

/**
 * A downstream cluster under management, as stored (kind {@value #KIND}, name = {@link #id()}).
 *
 * @param id          stable id, {@code c-} and five lower-case letters or digits, as Rancher's
 * @param displayName unique human-chosen name
 * @param type        how Drover reaches it
 * @param apiEndpoint the API server URL for {@link Type#DIRECT} clusters; empty otherwise
 * @param status      what the reconcilers last observed
 */
public record Cluster(String id, String displayName, Type type, String apiEndpoint, ClusterStatus status) {

    public static final String KIND = "Cluster";

    public Cluster {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(type, "type");
        apiEndpoint = apiEndpoint == null ? "" : apiEndpoint;
        status = status == null ? ClusterStatus.EMPTY : status;
    }

    /** How Drover reaches and manages a cluster. */
    public enum Type { IMPORTED, RKE, DIRECT }

    /**
     * Observed state.
     *
     * @param conditions        Kubernetes-style conditions (Connected, Ready, Provisioned, Updated)
     * @param kubernetesVersion reported by the API server, empty until known
     */
    public record ClusterStatus(List<Condition> conditions, String kubernetesVersion) {
        public static final ClusterStatus EMPTY = new ClusterStatus(List.of(), "");

        public ClusterStatus {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
            kubernetesVersion = kubernetesVersion == null ? "" : kubernetesVersion;
        }
    }
}
