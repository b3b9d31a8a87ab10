package dev.drover.engine.api;

import dev.drover.engine.api.wire.ScaleRequest;
import dev.drover.engine.api.wire.WorkloadPaths;
import dev.drover.engine.api.wire.YamlDocument;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The workloads part of {@link RemoteManagementApi}: JSON calls under {@code /v3/clusters/<id>/workloads}, the
 * batched watch and pod logs as WebSockets ({@link WorkloadPaths}). The server acts as the logged-in user.
 */
final class RemoteWorkloads {

    private final RemoteHttp http;
    private final ScheduledExecutorService timers;
    private final Set<Subscription> open;

    /** @param open where watches register, so that closing the API closes them */
    RemoteWorkloads(RemoteHttp http, ScheduledExecutorService timers, Set<Subscription> open) {
        this.http = http;
        this.timers = timers;
        this.open = open;
    }

    CompletableFuture<List<WorkloadSummary>> list(WorkloadQuery query) {
        if (query == null) {
            return invalid("A workload query is required.");
        }
        return http.call("GET", WorkloadPaths.workloads(dash(query.clusterId())) + "?" + filter(query), null, WorkloadSummary[].class)
                .thenApply(List::of);
    }

    Subscription watch(WorkloadQuery query, Consumer<WorkloadBatch> listener) {
        if (query == null) {
            throw new ApiException(ApiException.Reason.INVALID, "A workload query is required.");
        }
        RemoteWorkloadWatch watch = RemoteWorkloadWatch.open(http, WorkloadPaths.WATCH_WORKLOADS + "?cluster="
                + WorkloadPaths.encode(query.clusterId()) + "&" + filter(query), listener, timers);
        return tracked(watch);
    }

    CompletableFuture<List<WorkloadSummary>> pods(WorkloadRef ref) {
        return ref == null ? invalid("workload: a reference is required.")
                : http.call("GET", WorkloadPaths.workload(ref) + WorkloadPaths.PODS, null, WorkloadSummary[].class).thenApply(List::of);
    }

    CompletableFuture<Void> scale(WorkloadRef ref, int replicas) {
        if (replicas < 0) {
            return invalid("replicas: must be 0 or more, got " + replicas + ".");
        }
        return ref == null ? invalid("workload: a reference is required.")
                : http.call("POST", WorkloadPaths.workload(ref) + WorkloadPaths.SCALE, new ScaleRequest(replicas), Void.class);
    }

    CompletableFuture<Void> redeploy(WorkloadRef ref) {
        return ref == null ? invalid("workload: a reference is required.")
                : http.call("POST", WorkloadPaths.workload(ref) + WorkloadPaths.REDEPLOY, null, Void.class);
    }

    CompletableFuture<Void> delete(WorkloadRef ref) {
        return ref == null ? invalid("workload: a reference is required.") : http.call("DELETE", WorkloadPaths.workload(ref), null, Void.class);
    }

    CompletableFuture<String> yaml(WorkloadRef ref) {
        return ref == null ? invalid("workload: a reference is required.")
                : http.call("GET", WorkloadPaths.workload(ref) + WorkloadPaths.YAML, null, YamlDocument.class).thenApply(YamlDocument::yaml);
    }

    CompletableFuture<String> applyYaml(WorkloadRef ref, String yaml) {
        return ref == null ? invalid("workload: a reference is required.")
                : http.call("PUT", WorkloadPaths.workload(ref) + WorkloadPaths.YAML, new YamlDocument(yaml), YamlDocument.class)
                .thenApply(YamlDocument::yaml);
    }

    Subscription followPodLog(PodLogRequest request, LogListener listener) {
        if (request == null) {
            throw new ApiException(ApiException.Reason.INVALID, "A pod log request is required.");
        }
        String path = WorkloadPaths.POD_LOG + "?cluster=" + WorkloadPaths.encode(request.clusterId())
                + "&namespace=" + WorkloadPaths.encode(request.namespace()) + "&pod=" + WorkloadPaths.encode(request.pod())
                + "&container=" + WorkloadPaths.encode(request.container()) + "&tailLines=" + request.tailLines()
                + "&follow=" + request.follow();
        return tracked(RemotePodLog.open(http, path, listener));
    }

    private Subscription tracked(Subscription subscription) {
        open.add(subscription);
        return () -> {
            open.remove(subscription);
            subscription.close();
        };
    }

    private static String filter(WorkloadQuery query) {
        return "project=" + WorkloadPaths.encode(query.projectId()) + "&namespace=" + WorkloadPaths.encode(query.namespace())
                + "&pods=" + query.includePods();
    }

    private static String dash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    private static <T> CompletableFuture<T> invalid(String message) {
        return CompletableFuture.failedFuture(new ApiException(ApiException.Reason.INVALID, message));
    }

    /** Waits for a WebSocket handshake (a network round trip), so a refusal reaches the caller as an exception. */
    static <T> T await(CompletableFuture<T> call) {
        try {
            return call.get(RemoteManagementApi.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ApiException api ? api
                    : new ApiException(ApiException.Reason.UNAVAILABLE, PinnedTls.describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "The server did not answer in time.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "Interrupted while connecting.", e);
        }
    }
}
