package dev.drover.engine.model;

import java.util.Objects;

/**
 * A group of namespaces in one cluster (kind {@value #KIND}, namespace = cluster id, name = project id).
 * A namespace joins by carrying the annotation {@value #ANNOTATION} {@code = <cluster>:<project>}.
 *
 * @param clusterId   the cluster it belongs to
 * @param id          {@code p-} and five letters or digits
 * @param displayName unique within the cluster
 * @param quota       optional limits over all its namespaces together; {@code null} for none
 */
public record Project(String clusterId, String id, String displayName, ResourceQuota quota) {

    public static final String KIND = "Project";
    public static final String ANNOTATION = "drover.dev/project-id";

    public Project {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }

    /** The annotation value that puts a namespace in this project. */
    public String annotationValue() {
        return clusterId + ":" + id;
    }

    /**
     * Limits, as Kubernetes quantities ({@code "4"}, {@code "8Gi"}); empty strings for no limit.
     *
     * @param cpu            limits.cpu
     * @param memory         limits.memory
     * @param pods           pods
     * @param namespaceCpu   default per-namespace limits.cpu
     * @param namespaceMemory default per-namespace limits.memory
     */
    public record ResourceQuota(String cpu, String memory, String pods, String namespaceCpu, String namespaceMemory) {
    }
}
