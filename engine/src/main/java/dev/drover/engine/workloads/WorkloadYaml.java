package dev.drover.engine.workloads;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Reads an edited object back from YAML and checks it still is the object being edited: same kind, name and
 * namespace (an editor must not turn "save" into "create something else"), with the resourceVersion it was
 * read at (without it the API server would accept the edit over whatever changed meanwhile).
 */
final class WorkloadYaml {

    private WorkloadYaml() {
    }

    static HasMetadata parse(KubernetesClient client, WorkloadId id, String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw invalid("The YAML is empty: paste the whole object.");
        }
        HasMetadata object;
        try {
            object = client.getKubernetesSerialization().unmarshal(yaml, type(id.kind()));
        } catch (RuntimeException e) {
            throw invalid("The YAML cannot be read as a " + id.describe().substring(0, id.describe().indexOf(' ')) + ": "
                    + firstLine(e) + ".");
        }
        if (object == null || object.getMetadata() == null) {
            throw invalid("The YAML has no metadata: paste the whole object.");
        }
        String kind = id.describe().substring(0, id.describe().indexOf(' '));
        if (object.getKind() != null && !kind.equals(object.getKind())) {
            throw invalid("kind: the YAML is a " + object.getKind() + ", but " + id.describe() + " is being edited.");
        }
        if (!id.name().equals(object.getMetadata().getName())) {
            throw invalid("metadata.name: must stay " + id.name() + ", got " + object.getMetadata().getName() + ".");
        }
        String namespace = object.getMetadata().getNamespace();
        if (namespace != null && !namespace.equals(id.namespace())) {
            throw invalid("metadata.namespace: must stay " + id.namespace() + ", got " + namespace + ".");
        }
        object.getMetadata().setNamespace(id.namespace());
        String version = object.getMetadata().getResourceVersion();
        if (version == null || version.isBlank()) {
            throw invalid("metadata.resourceVersion: keep the one the YAML was loaded with, so a concurrent change is not overwritten.");
        }
        return object;
    }

    private static Class<? extends HasMetadata> type(WorkloadKind kind) {
        return switch (kind) {
            case DEPLOYMENT -> Deployment.class;
            case STATEFULSET -> StatefulSet.class;
            case DAEMONSET -> DaemonSet.class;
            case JOB -> Job.class;
            case CRONJOB -> CronJob.class;
            case POD -> Pod.class;
        };
    }

    /** Parser messages run over several lines with a snippet of the input; the first line says what is wrong. */
    private static String firstLine(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String line = message.strip().lines().findFirst().orElse(message);
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    private static WorkloadActionException invalid(String message) {
        return new WorkloadActionException(WorkloadActionException.Failure.INVALID, message);
    }
}
