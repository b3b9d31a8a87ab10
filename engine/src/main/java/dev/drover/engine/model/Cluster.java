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
     * @param capacity          nodes and resources, as last counted by the health reconciler
     */
    public record ClusterStatus(List<Condition> conditions, String kubernetesVersion, Capacity capacity) {
        public static final ClusterStatus EMPTY = new ClusterStatus(List.of(), "", Capacity.UNKNOWN);

        public ClusterStatus {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
            kubernetesVersion = kubernetesVersion == null ? "" : kubernetesVersion;
            capacity = capacity == null ? Capacity.UNKNOWN : capacity;
        }

        public ClusterStatus(List<Condition> conditions, String kubernetesVersion) {
            this(conditions, kubernetesVersion, Capacity.UNKNOWN);
        }

        /** The condition of that type, if set. */
        public java.util.Optional<Condition> condition(String type) {
            return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
        }

        /**
         * A copy with {@code condition} replacing any of its type; the transition time is kept when the
         * status did not change, as Kubernetes does.
         */
        public ClusterStatus withCondition(Condition condition) {
            List<Condition> updated = new java.util.ArrayList<>();
            boolean replaced = false;
            for (Condition existing : conditions) {
                if (existing.type().equals(condition.type())) {
                    updated.add(existing.status().equals(condition.status())
                            ? new Condition(condition.type(), condition.status(), condition.reason(), condition.message(), existing.lastTransitionTime())
                            : condition);
                    replaced = true;
                } else {
                    updated.add(existing);
                }
            }
            if (!replaced) {
                updated.add(condition);
            }
            return new ClusterStatus(updated, kubernetesVersion, capacity);
        }

        public ClusterStatus withKubernetesVersion(String version) {
            return new ClusterStatus(conditions, version, capacity);
        }

        public ClusterStatus withCapacity(Capacity value) {
            return new ClusterStatus(conditions, kubernetesVersion, value);
        }
    }

    /**
     * Nodes and resources of a cluster.
     *
     * @param nodes            node count
     * @param readyNodes       nodes whose Ready condition is True
     * @param cpuMillis        allocatable CPU, millicores
     * @param memoryBytes      allocatable memory
     * @param cpuRequestedMillis    sum of pod CPU requests
     * @param memoryRequestedBytes  sum of pod memory requests
     */
    public record Capacity(int nodes, int readyNodes, long cpuMillis, long memoryBytes, long cpuRequestedMillis, long memoryRequestedBytes) {
        public static final Capacity UNKNOWN = new Capacity(0, 0, 0, 0, 0, 0);
    }

    public Cluster withStatus(ClusterStatus value) {
        return new Cluster(id, displayName, type, apiEndpoint, value);
    }
}
