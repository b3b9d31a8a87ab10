package dev.drover.engine.workloads;

import dev.drover.engine.authproxy.Impersonation;
import dev.drover.engine.downstream.ClusterUnreachableException;
import dev.drover.engine.downstream.DownstreamClients;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * The console's workload actions — scale, redeploy (rollout restart), delete, YAML get and replace — done
 * downstream as the acting user: every request carries the user's {@link Impersonation} (the auth proxy's
 * headers), so the cluster's RBAC decides, and a refusal comes back as {@link WorkloadActionException.Failure#FORBIDDEN}.
 * Blocking (one downstream call each); thread-safe.
 */
public final class WorkloadActions {

    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    private final DownstreamClients clients;
    private final Clock clock;

    public WorkloadActions(DownstreamClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /** The actions on the clusters {@code model} follows (the same downstream clients). */
    public static WorkloadActions of(WorkloadsReadModel model, Clock clock) {
        return new WorkloadActions(model.clients(), clock);
    }

    /** Sets {@code spec.replicas} of a Deployment or StatefulSet. Idempotent. */
    public void scale(Impersonation actor, WorkloadId id, int replicas) {
        if (replicas < 0) {
            throw new WorkloadActionException(WorkloadActionException.Failure.INVALID, "replicas: must be 0 or more, got " + replicas + ".");
        }
        if (id.kind() != WorkloadKind.DEPLOYMENT && id.kind() != WorkloadKind.STATEFULSET) {
            throw invalid(id, "only deployments and stateful sets can be scaled");
        }
        as(actor, id, c -> resource(c, id).patch(MERGE, "{\"spec\":{\"replicas\":" + replicas + "}}"));
    }

    /** Rollout restart, as {@code kubectl rollout restart}: a new pod template annotation makes the controller replace every pod. */
    public void redeploy(Impersonation actor, WorkloadId id) {
        if (id.kind() != WorkloadKind.DEPLOYMENT && id.kind() != WorkloadKind.STATEFULSET && id.kind() != WorkloadKind.DAEMONSET) {
            throw invalid(id, "only deployments, stateful sets and daemon sets can be redeployed");
        }
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        as(actor, id, c -> resource(c, id).patch(MERGE,
                "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + RESTARTED_AT + "\":\"" + now + "\"}}}}}"));
    }

    /** Deletes the object (its dependents go in the background, as kubectl does). NOT_FOUND if already gone. */
    public void delete(Impersonation actor, WorkloadId id) {
        boolean deleted = as(actor, id, c -> !resource(c, id).delete().isEmpty());
        if (!deleted) {
            throw notFound(id);
        }
    }

    /** The object as YAML, managedFields dropped (noise for an editor). */
    public String yaml(Impersonation actor, WorkloadId id) {
        return as(actor, id, c -> {
            HasMetadata object = resource(c, id).get();
            if (object == null) {
                throw notFound(id);
            }
            return asYaml(c, object);
        });
    }

    /**
     * Replaces the object with {@code yaml} (a PUT with its resourceVersion), so an edit of a stale copy fails with
     * CONFLICT instead of undoing someone else's change. Returns the stored object as YAML.
     */
    public String apply(Impersonation actor, WorkloadId id, String yaml) {
        return as(actor, id, c -> {
            HasMetadata edited = WorkloadYaml.parse(c, id, yaml);
            return asYaml(c, c.resource(edited).inNamespace(id.namespace()).update());
        });
    }

    /**
     * Streams a pod's log (the last {@code tailLines}, 0 for all; {@code follow} to keep it open) to {@code sink}
     * on a virtual thread. Returns at once; close the stream to stop it downstream.
     */
    public PodLogStream followLog(Impersonation actor, WorkloadId pod, String container, int tailLines, boolean follow,
                                  PodLogStream.Sink sink) {
        if (pod.kind() != WorkloadKind.POD) {
            throw invalid(pod, "only pods have logs");
        }
        if (tailLines < 0) {
            throw new WorkloadActionException(WorkloadActionException.Failure.INVALID, "tailLines: must be 0 (all) or more, got " + tailLines + ".");
        }
        return new PodLogStream(this, actor, pod, container, tailLines, follow, sink).start();
    }

    /** Runs {@code call} with a client that impersonates {@code actor}; downstream failures become one sentence. */
    <T> T as(Impersonation actor, WorkloadId id, Function<KubernetesClient, T> call) {
        KubernetesClient client;
        try {
            client = clients.forCluster(id.clusterId());
        } catch (ClusterUnreachableException e) {
            throw new WorkloadActionException(WorkloadActionException.Failure.UNAVAILABLE, e.getMessage(), e);
        }
        try {
            return client.adapt(NamespacedKubernetesClient.class)
                    .withRequestConfig(actor.requestConfig(client.getConfiguration().getRequestConfig()))
                    .call(call::apply);
        } catch (KubernetesClientException e) {
            throw translate(actor, id, e);
        }
    }

    static Resource<? extends HasMetadata> resource(KubernetesClient c, WorkloadId id) {
        String ns = id.namespace();
        String name = id.name();
        return switch (id.kind()) {
            case DEPLOYMENT -> c.resources(Deployment.class).inNamespace(ns).withName(name);
            case STATEFULSET -> c.resources(StatefulSet.class).inNamespace(ns).withName(name);
            case DAEMONSET -> c.resources(DaemonSet.class).inNamespace(ns).withName(name);
            case JOB -> c.resources(Job.class).inNamespace(ns).withName(name);
            case CRONJOB -> c.resources(CronJob.class).inNamespace(ns).withName(name);
            case POD -> c.resources(Pod.class).inNamespace(ns).withName(name);
        };
    }

    private static String asYaml(KubernetesClient c, HasMetadata object) {
        object.getMetadata().setManagedFields(null);
        return c.getKubernetesSerialization().asYaml(object);
    }

    private static WorkloadActionException translate(Impersonation actor, WorkloadId id, KubernetesClientException e) {
        if (e.getCause() instanceof WorkloadActionException own) {
            return own;
        }
        String said = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        return switch (e.getCode()) {
            case 403 -> new WorkloadActionException(WorkloadActionException.Failure.FORBIDDEN, "Cluster " + id.clusterId()
                    + " refused this to user " + actor.username() + ": " + said, e);
            case 404 -> notFound(id);
            case 409 -> new WorkloadActionException(WorkloadActionException.Failure.CONFLICT, id.describe()
                    + " changed since it was read: load it again and reapply your change (" + said + ").", e);
            case 400, 422 -> new WorkloadActionException(WorkloadActionException.Failure.INVALID, "Cluster " + id.clusterId()
                    + " rejected the change to " + id.describe() + ": " + said, e);
            default -> new WorkloadActionException(WorkloadActionException.Failure.UNAVAILABLE, "Cluster " + id.clusterId()
                    + " could not be asked about " + id.describe() + ": " + (e.getCode() > 0 ? "HTTP " + e.getCode() + ", " : "") + said, e);
        };
    }

    static WorkloadActionException notFound(WorkloadId id) {
        return new WorkloadActionException(WorkloadActionException.Failure.NOT_FOUND, id.describe() + " does not exist (any more).");
    }

    private static WorkloadActionException invalid(WorkloadId id, String why) {
        return new WorkloadActionException(WorkloadActionException.Failure.INVALID, "Cannot do that to " + id.describe() + ": " + why + ".");
    }
}
