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
 */
public record WorkloadRow(String key, String clusterId, String kind, String namespace, String name, int desired, int ready,
                          String status, String node, String owner) {

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
     * Whether name, namespace, status, node or owner contain {@code needle}, which must be lower case.
     * No string is built: this runs for every row on each keystroke.
     */
    public boolean contains(String needle) {
        return Strings.containsIgnoreCase(name, needle) || Strings.containsIgnoreCase(namespace, needle)
                || Strings.containsIgnoreCase(status, needle) || Strings.containsIgnoreCase(node, needle)
                || Strings.containsIgnoreCase(owner, needle);
    }
}
