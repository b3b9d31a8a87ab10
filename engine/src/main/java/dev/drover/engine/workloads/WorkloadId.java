package dev.drover.engine.workloads;

import java.util.Objects;

/** One workload or pod of one cluster, as actions address it. */
public record WorkloadId(String clusterId, WorkloadKind kind, String namespace, String name) {

    public WorkloadId {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** {@code Deployment shop/web} style, for messages. */
    public String describe() {
        String kind = switch (this.kind) {
            case DEPLOYMENT -> "Deployment";
            case STATEFULSET -> "StatefulSet";
            case DAEMONSET -> "DaemonSet";
            case JOB -> "Job";
            case CRONJOB -> "CronJob";
            case POD -> "Pod";
        };
        return kind + " " + namespace + "/" + name;
    }
}
