package dev.drover.app.workloads;

/**
 * One row of the workloads or pods table, compact: about a dozen references, most of them to strings
 * shared between rows ({@link Strings}), so 100,000 pods cost tens of megabytes, not hundreds.
 *
 * @param key       unique across clusters: {@code clusterId/KIND/namespace/name}
 * @param clusterId the cluster's id
 * @param kind      Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod
 * @param desired   desired replicas (pods: 1)
 * @param ready     ready replicas (pods: 1 when Ready)
 * @param status    one word: Running, Pending, Failed, Updating…
 * @param node      pods: the node; empty otherwise
 * @param owner     pods: the owning workload as {@code Kind/name}; empty otherwise
 * @param project   the id of the project its namespace belongs to; empty when none (or not known)
 */
public record WorkloadRow(String key, String clusterId, String kind, String namespace, String name, int desired, int ready,
                          String status, String node, String owner, String project) {

    /** A row in no project. */
    public WorkloadRow(String key, String clusterId, String kind, String namespace, String name, int desired, int ready,
                       String status, String node, String owner) {
        this(key, clusterId, kind, namespace, name, desired, ready, status, node, owner, "");
    }

    /** A row whose repeated strings (namespace, kind, status, node, owner) are shared with other rows. */
    public static WorkloadRow of(String clusterId, String kind, String namespace, String name, int desired, int ready,
                                 String status, String node, String owner) {
        return of(clusterId, kind, namespace, name, desired, ready, status, node, owner, "");
    }

    /** As {@link #of(String, String, String, String, int, int, String, String, String)}, in a project. */
    public static WorkloadRow of(String clusterId, String kind, String namespace, String name, int desired, int ready,
                                 String status, String node, String owner, String project) {
        return new WorkloadRow(clusterId + "/" + kind + "/" + namespace + "/" + name, Strings.share(clusterId), Strings.share(kind),
                Strings.share(namespace), name, desired, ready, Strings.share(status), Strings.share(node), Strings.share(owner),
                Strings.share(project));
    }

    public boolean isPod() {
        return "Pod".equals(kind);
    }

    /** "2/3". */
    public String readyText() {
        return ready + "/" + desired;
    }

    /** {@code Kind/name}, as pods name their owner. */
    public String ownerRef() {
        return kind + "/" + name;
    }

    /**
     * Whether name, namespace, node, status or owner contain {@code needle}, which must be lower case.
     * Runs for every row on each keystroke, so nothing is built: Kubernetes names (objects, namespaces,
     * nodes) are lower case by definition (DNS-1123), so a plain, vectorised {@code contains} does;
     * status words and owners ("Running", "Deployment/web") are few and shared, and their lower-case
     * forms are cached.
     */
    public boolean contains(String needle) {
        return name.contains(needle) || namespace.contains(needle) || node.contains(needle)
                || Strings.lower(status).contains(needle) || Strings.lower(owner).contains(needle);
    }
}
