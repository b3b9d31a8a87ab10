package dev.drover.engine.api;

import java.util.Objects;

/**
 * One row of the clusters view.
 *
 * @param id                stable id, e.g. {@code c-7xk2p}
 * @param displayName       unique, human-chosen name
 * @param kind              how the cluster is managed
 * @param state             one word for the state column (e.g. Pending, Active, Unavailable)
 * @param kubernetesVersion as reported by the cluster, empty until known
 * @param resourceVersion   store revision of this state; increases with every change
 */
public record ClusterSummary(String id, String displayName, ClusterKind kind, String state,
                             String kubernetesVersion, long resourceVersion) {
    public ClusterSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
    }
}
