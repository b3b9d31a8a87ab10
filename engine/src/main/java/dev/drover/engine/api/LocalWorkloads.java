package dev.drover.engine.api;

import dev.drover.engine.authproxy.Impersonation;
import dev.drover.engine.downstream.ClusterUnreachableException;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.workloads.PodLogStream;
import dev.drover.engine.workloads.WorkloadActionException;
import dev.drover.engine.workloads.WorkloadActions;
import dev.drover.engine.workloads.WorkloadId;
import dev.drover.engine.workloads.WorkloadKind;
import dev.drover.engine.workloads.WorkloadsReadModel;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The workloads part of the engine's API: lists and watches come from the {@link WorkloadsReadModel} (no
 * downstream call), actions go downstream through {@link WorkloadActions} as an explicit acting user. The
 * server's routes pass the caller ({@link Impersonation#of}); {@link LocalManagementApi}'s own methods pass
 * lab mode's local administrator, and in server mode (no one to act as) refuse.
 *
 * <p>Commands run on virtual threads and complete there; watch and log listeners run on one virtual thread
 * per subscription.
 */
public final class LocalWorkloads {

    private final ResourceStore store;
    private final WorkloadsReadModel model;
    private final WorkloadActions actions;
    private final Impersonation defaultActor;
    private final ExecutorService commands = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("workload-command-", 0).factory());

    /** @param defaultActor who the methods without an actor act as; null: nobody (they fail FORBIDDEN) */
    LocalWorkloads(ResourceStore store, WorkloadsReadModel model, Clock clock, Impersonation defaultActor) {
        this.store = store;
        this.model = model;
        this.actions = WorkloadActions.of(model, clock);
        this.defaultActor = defaultActor;
    }

    /** The default acting user: the local administrator in lab mode, none in server mode. */
    Impersonation defaultActor() {
        if (defaultActor == null) {
            throw new ApiException(ApiException.Reason.FORBIDDEN, "Workload actions need a user to act as: call them through the server's API.");
        }
        return defaultActor;
    }

    /** Read model; read-only. NOT_FOUND for an unknown cluster. */
    public CompletableFuture<List<WorkloadSummary>> list(WorkloadQuery query) {
        return run(() -> {
            checkQuery(query);
            return LocalWorkloadWatch.snapshot(model, query);
        });
    }

    /** Snapshot then ~100 ms batches; the listener runs on the watch's own virtual thread. Fails at once for bad input. */
    public Subscription watch(WorkloadQuery query, Consumer<WorkloadBatch> listener) {
        try {
            checkQuery(query);
        } catch (RuntimeException e) {
            throw ApiErrors.translate(e);
        }
        return new LocalWorkloadWatch(model, query, listener);
    }

    /** Pods owned by the workload, from the read model (a pod ref: that pod). */
    public CompletableFuture<List<WorkloadSummary>> pods(WorkloadRef ref) {
        return run(() -> {
            WorkloadId id = id(ref);
            WorkloadQuery all = new WorkloadQuery(id.clusterId(), "", id.namespace(), true);
            String owner = ownerName(id);
            return LocalWorkloadWatch.snapshot(model, all).stream()
                    .filter(w -> w.ref().type() == WorkloadType.POD)
                    .filter(w -> id.kind() == WorkloadKind.POD ? w.ref().name().equals(id.name())
                            : id.kind() == WorkloadKind.CRONJOB ? w.owner().startsWith("Job/" + id.name() + "-") : w.owner().equals(owner))
                    .sorted(Comparator.comparing((WorkloadSummary w) -> w.ref().name())).toList();
        });
    }

    public CompletableFuture<Void> scale(Impersonation actor, WorkloadRef ref, int replicas) {
        return act(actor, "scaled to " + replicas, ref, id -> {
            actions.scale(actor, id, replicas);
            return null;
        });
    }

    public CompletableFuture<Void> redeploy(Impersonation actor, WorkloadRef ref) {
        return act(actor, "redeployed", ref, id -> {
            actions.redeploy(actor, id);
            return null;
        });
    }

    public CompletableFuture<Void> delete(Impersonation actor, WorkloadRef ref) {
        return act(actor, "deleted", ref, id -> {
            actions.delete(actor, id);
            return null;
        });
    }

    public CompletableFuture<String> yaml(Impersonation actor, WorkloadRef ref) {
        return act(actor, null, ref, id -> actions.yaml(actor, id));
    }

    public CompletableFuture<String> applyYaml(Impersonation actor, WorkloadRef ref, String yaml) {
        return act(actor, "edited", ref, id -> actions.apply(actor, id, yaml));
    }

    /** Streams the log on a virtual thread; fails at once for bad input or an unknown cluster, later through {@link LogListener#onEnd}. */
    public Subscription followPodLog(Impersonation actor, PodLogRequest request, LogListener listener) {
        if (request == null) {
            throw ApiErrors.invalid("A pod log request is required.");
        }
        try {
            WorkloadId pod = id(new WorkloadRef(request.clusterId(), WorkloadType.POD, request.namespace(), request.pod()));
            PodLogStream stream = actions.followLog(actor, pod, request.container(), request.tailLines(), request.follow(),
                    new PodLogStream.Sink() {
                        @Override
                        public void line(String line) {
                            listener.onLine(line);
                        }

                        @Override
                        public void end(WorkloadActionException failure) {
                            listener.onEnd(failure == null ? null : translate(failure));
                        }
                    });
            return stream::close;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private <T> CompletableFuture<T> act(Impersonation actor, String action, WorkloadRef ref, java.util.function.Function<WorkloadId, T> work) {
        return run(() -> {
            WorkloadId id = id(ref);
            T result = work.apply(id);
            if (action != null) {
                recorded(actor, action, id);
            }
            return result;
        });
    }

    /** Hook point: when engine.events exists (branch adminapi), record "<user> <action> <workload>" as a cluster event here. */
    private void recorded(Impersonation actor, String action, WorkloadId id) {
    }

    private void checkQuery(WorkloadQuery query) {
        if (query == null) {
            throw ApiErrors.invalid("A workload query is required.");
        }
        existing(query.clusterId());
    }

    private WorkloadId id(WorkloadRef ref) {
        if (ref == null || ref.type() == null) {
            throw ApiErrors.invalid("workload: a reference with a type is required.");
        }
        if (ref.namespace() == null || ref.namespace().isBlank() || ref.name() == null || ref.name().isBlank()) {
            throw ApiErrors.invalid("workload: namespace and name are required.");
        }
        existing(ref.clusterId());
        return new WorkloadId(ref.clusterId(), WorkloadKind.valueOf(ref.type().name()), ref.namespace(), ref.name());
    }

    /** NOT_FOUND unless the cluster exists: what the server checks before upgrading a watch or log request. Blocking. */
    public void checkCluster(String clusterId) {
        try {
            existing(clusterId);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private void existing(String clusterId) {
        ObjectKey key = ObjectKey.of(Cluster.KIND, clusterId == null || clusterId.isBlank() ? "-" : clusterId);
        if (store.get(key).isEmpty()) {
            throw new ApiException(ApiException.Reason.NOT_FOUND, "Cluster " + clusterId + " does not exist.");
        }
    }

    private static String ownerName(WorkloadId id) {
        String kind = switch (id.kind()) {
            case DEPLOYMENT -> "Deployment/";
            case STATEFULSET -> "StatefulSet/";
            case DAEMONSET -> "DaemonSet/";
            case JOB -> "Job/";
            case CRONJOB -> "CronJob/";
            case POD -> "Pod/";
        };
        return kind + id.name();
    }

    static ApiException translate(Throwable failure) {
        return switch (failure) {
            case WorkloadActionException e -> new ApiException(switch (e.failure()) {
                case INVALID -> ApiException.Reason.INVALID;
                case NOT_FOUND -> ApiException.Reason.NOT_FOUND;
                case CONFLICT -> ApiException.Reason.CONFLICT;
                case FORBIDDEN -> ApiException.Reason.FORBIDDEN;
                case UNAVAILABLE -> ApiException.Reason.UNAVAILABLE;
            }, e.getMessage(), e);
            case ClusterUnreachableException e -> new ApiException(ApiException.Reason.UNAVAILABLE, e.getMessage(), e);
            default -> ApiErrors.translate(failure);
        };
    }

    private <T> CompletableFuture<T> run(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            commands.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(translate(e));
                }
            });
        } catch (RuntimeException rejected) {
            result.completeExceptionally(new ApiException(ApiException.Reason.UNAVAILABLE, "The engine is closed.", rejected));
        }
        return result;
    }
}
