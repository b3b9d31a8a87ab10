package dev.drover.engine.workloads;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the console shows of one workload or pod: a few fields copied out of the Kubernetes object, so
 * the cache holds hundreds of bytes per pod instead of the object's kilobytes (no managedFields, no spec).
 *
 * @param clusterId       the cluster
 * @param kind            deployment, …, pod
 * @param namespace       namespace
 * @param name            name
 * @param projectId       the namespace's project, empty if none
 * @param desired         desired replicas (pods: 1)
 * @param ready           ready replicas (pods: 1 when Ready)
 * @param status          one word: Running, Pending, Failed, Succeeded, Active, Suspended, Updating, …
 * @param images          container images
 * @param node            pods: the node; otherwise empty
 * @param owner           pods: the owning workload as {@code Kind/name}; otherwise empty
 * @param labels          the object's labels
 * @param resourceVersion the object's resourceVersion
 * @param cpuRequestMillis   pods: what their containers request, in millicores; otherwise 0
 * @param memoryRequestBytes pods: what their containers request, in bytes; otherwise 0
 */
public record Workload(String clusterId, WorkloadKind kind, String namespace, String name, String projectId,
                       int desired, int ready, String status, List<String> images, String node, String owner,
                       Map<String, String> labels, String resourceVersion, long cpuRequestMillis, long memoryRequestBytes) {

    public Workload {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        projectId = projectId == null ? "" : projectId;
        status = status == null ? "" : status;
        images = images == null ? List.of() : List.copyOf(images);
        node = node == null ? "" : node;
        owner = owner == null ? "" : owner;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        resourceVersion = resourceVersion == null ? "" : resourceVersion;
    }

    /** A workload that requests nothing itself (all but pods). */
    public Workload(String clusterId, WorkloadKind kind, String namespace, String name, String projectId, int desired, int ready,
                    String status, List<String> images, String node, String owner, Map<String, String> labels, String resourceVersion) {
        this(clusterId, kind, namespace, name, projectId, desired, ready, status, images, node, owner, labels, resourceVersion, 0, 0);
    }

    /** Whether a pod still holds what it requested (not Succeeded or Failed), as the scheduler counts it. */
    public boolean holdsRequests() {
        return kind == WorkloadKind.POD && !"Succeeded".equals(status) && !"Failed".equals(status);
    }

    /** Identity within a cluster. */
    public String key() {
        return kind + "/" + namespace + "/" + name;
    }
}
