package dev.drover.app.workloads;

import dev.drover.engine.api.WorkloadRef;
import dev.drover.engine.api.WorkloadSummary;
import dev.drover.engine.api.WorkloadType;
import java.util.Locale;

/** Translates between the engine's workload records and the console's compact {@link WorkloadRow}s. */
final class WorkloadRefs {

    private WorkloadRefs() {
    }

    static WorkloadRef of(WorkloadRow row) {
        return new WorkloadRef(row.clusterId(), WorkloadType.valueOf(row.kind().toUpperCase(Locale.ROOT)), row.namespace(), row.name());
    }

    static WorkloadRow row(WorkloadSummary summary) {
        WorkloadRef ref = summary.ref();
        return WorkloadRow.of(ref.clusterId(), kindText(ref.type()), ref.namespace(), ref.name(), summary.desired(), summary.ready(),
                summary.status(), summary.node() == null ? "" : summary.node(), summary.owner() == null ? "" : summary.owner(),
                summary.projectId() == null ? "" : summary.projectId());
    }

    static WorkloadRow deleted(WorkloadRef ref) {
        return WorkloadRow.of(ref.clusterId(), kindText(ref.type()), ref.namespace(), ref.name(), 0, 0, "", "", "");
    }

    static String kindText(WorkloadType type) {
        return switch (type) {
            case DEPLOYMENT -> "Deployment";
            case STATEFULSET -> "StatefulSet";
            case DAEMONSET -> "DaemonSet";
            case JOB -> "Job";
            case CRONJOB -> "CronJob";
            case POD -> "Pod";
        };
    }

    /** "Deployment shop/web", as dialogs name a workload. */
    static String title(WorkloadRow row) {
        return row.kind() + " " + row.namespace() + "/" + row.name();
    }
}
