package dev.drover.engine.workloads;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;

/** Copies the few fields the console shows out of Kubernetes objects into {@link Workload}s. */
final class WorkloadSummaries {

    private WorkloadSummaries() {
    }

    static Workload of(String clusterId, HasMetadata object) {
        return switch (object) {
            case Deployment d -> {
                int desired = value(d.getSpec() == null ? null : d.getSpec().getReplicas(), 1);
                int ready = d.getStatus() == null ? 0 : value(d.getStatus().getReadyReplicas(), 0);
                int updated = d.getStatus() == null ? 0 : value(d.getStatus().getUpdatedReplicas(), 0);
                String status = desired == 0 ? "Scaled down" : ready >= desired && updated >= desired ? "Running" : "Updating";
                yield workload(clusterId, WorkloadKind.DEPLOYMENT, d, desired, ready, status, images(d.getSpec() == null ? null
                        : d.getSpec().getTemplate().getSpec()));
            }
            case StatefulSet s -> {
                int desired = value(s.getSpec() == null ? null : s.getSpec().getReplicas(), 1);
                int ready = s.getStatus() == null ? 0 : value(s.getStatus().getReadyReplicas(), 0);
                yield workload(clusterId, WorkloadKind.STATEFULSET, s, desired, ready, ready >= desired ? "Running" : "Updating",
                        images(s.getSpec() == null ? null : s.getSpec().getTemplate().getSpec()));
            }
            case DaemonSet ds -> {
                int desired = ds.getStatus() == null ? 0 : value(ds.getStatus().getDesiredNumberScheduled(), 0);
                int ready = ds.getStatus() == null ? 0 : value(ds.getStatus().getNumberReady(), 0);
                yield workload(clusterId, WorkloadKind.DAEMONSET, ds, desired, ready, ready >= desired ? "Running" : "Updating",
                        images(ds.getSpec() == null ? null : ds.getSpec().getTemplate().getSpec()));
            }
            case Job j -> {
                int desired = value(j.getSpec() == null ? null : j.getSpec().getCompletions(), 1);
                int succeeded = j.getStatus() == null ? 0 : value(j.getStatus().getSucceeded(), 0);
                int failed = j.getStatus() == null ? 0 : value(j.getStatus().getFailed(), 0);
                String status = succeeded >= desired ? "Succeeded" : failed > 0 ? "Failing" : "Active";
                yield workload(clusterId, WorkloadKind.JOB, j, desired, succeeded, status,
                        images(j.getSpec() == null ? null : j.getSpec().getTemplate().getSpec()));
            }
            case CronJob c -> {
                boolean suspended = c.getSpec() != null && Boolean.TRUE.equals(c.getSpec().getSuspend());
                int active = c.getStatus() == null || c.getStatus().getActive() == null ? 0 : c.getStatus().getActive().size();
                yield workload(clusterId, WorkloadKind.CRONJOB, c, 1, active, suspended ? "Suspended" : "Scheduled",
                        images(c.getSpec() == null ? null : c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()));
            }
            case Pod p -> pod(clusterId, p);
            default -> throw new IllegalArgumentException("not a workload: " + object.getKind());
        };
    }

    private static Workload pod(String clusterId, Pod pod) {
        boolean ready = pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return new Workload(clusterId, WorkloadKind.POD, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), "",
                1, ready ? 1 : 0, podStatus(pod), images(pod.getSpec()),
                pod.getSpec() == null ? "" : pod.getSpec().getNodeName(), owner(pod), pod.getMetadata().getLabels(),
                pod.getMetadata().getResourceVersion(), requested(pod, "cpu"), requested(pod, "memory"));
    }

    /** Sum of the containers' requests: millicores for cpu, bytes for memory (what clusterhealth reports). */
    private static long requested(Pod pod, String resource) {
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return 0;
        }
        long sum = 0;
        for (Container container : pod.getSpec().getContainers()) {
            var requests = container.getResources() == null ? null : container.getResources().getRequests();
            var quantity = requests == null ? null : requests.get(resource);
            if (quantity != null) {
                var amount = quantity.getNumericalAmount();
                sum += "cpu".equals(resource) ? amount.multiply(java.math.BigDecimal.valueOf(1000)).longValue() : amount.longValue();
            }
        }
        return sum;
    }

    /** A waiting container's reason (CrashLoopBackOff, ImagePullBackOff…) says more than the phase. */
    private static String podStatus(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return "Terminating";
        }
        if (pod.getStatus() == null) {
            return "Pending";
        }
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        if (statuses != null) {
            for (ContainerStatus status : statuses) {
                if (status.getState() != null && status.getState().getWaiting() != null && status.getState().getWaiting().getReason() != null) {
                    return status.getState().getWaiting().getReason();
                }
            }
        }
        return pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    /** Pods of a Deployment are owned by a ReplicaSet named {@code <deployment>-<pod-template-hash>}. */
    private static String owner(Pod pod) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        if (owners == null || owners.isEmpty()) {
            return "";
        }
        OwnerReference owner = owners.getFirst();
        Map<String, String> labels = pod.getMetadata().getLabels();
        String hash = labels == null ? null : labels.get("pod-template-hash");
        if ("ReplicaSet".equals(owner.getKind()) && hash != null && owner.getName().endsWith("-" + hash)) {
            return "Deployment/" + owner.getName().substring(0, owner.getName().length() - hash.length() - 1);
        }
        return owner.getKind() + "/" + owner.getName();
    }

    private static Workload workload(String clusterId, WorkloadKind kind, HasMetadata object, int desired, int ready,
                                     String status, List<String> images) {
        return new Workload(clusterId, kind, object.getMetadata().getNamespace(), object.getMetadata().getName(), "",
                desired, ready, status, images, "", "", object.getMetadata().getLabels(), object.getMetadata().getResourceVersion());
    }

    private static List<String> images(PodSpec spec) {
        return spec == null || spec.getContainers() == null ? List.of()
                : spec.getContainers().stream().map(Container::getImage).filter(java.util.Objects::nonNull).toList();
    }

    private static int value(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
