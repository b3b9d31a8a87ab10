package dev.drover.app;

import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.LogListener;
import dev.drover.engine.api.PodLogRequest;
import dev.drover.engine.api.Subscription;
import dev.drover.engine.api.WorkloadBatch;
import dev.drover.engine.api.WorkloadQuery;
import dev.drover.engine.api.WorkloadRef;
import dev.drover.engine.api.WorkloadSummary;
import dev.drover.engine.api.WorkloadType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The workload half of {@link FakeManagementApi}: workloads and pods in memory, their YAML (a tab in it is
 * invalid, as in YAML; {@link #conflictOnNextApply} makes the next apply lose a race), actions recorded
 * in {@link #actions}, log follows fed by {@link #log}.
 */
public final class FakeWorkloads {

    public final List<String> actions = new CopyOnWriteArrayList<>();
    private final Map<WorkloadRef, WorkloadSummary> objects = new LinkedHashMap<>();
    private final Map<WorkloadRef, String> yaml = new LinkedHashMap<>();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private final Map<String, List<LogListener>> follows = new LinkedHashMap<>();
    private volatile boolean conflictOnNextApply;

    private record Watch(WorkloadQuery query, Consumer<WorkloadBatch> listener) {
    }

    public static WorkloadSummary deployment(String cluster, String namespace, String name, int desired, int ready, String status) {
        return new WorkloadSummary(new WorkloadRef(cluster, WorkloadType.DEPLOYMENT, namespace, name), "", desired, ready, status,
                List.of("nginx:1.27"), "", "");
    }

    public static WorkloadSummary pod(String cluster, String namespace, String name, String owner, String status, String node) {
        return new WorkloadSummary(new WorkloadRef(cluster, WorkloadType.POD, namespace, name), "", 1, "Running".equals(status) ? 1 : 0,
                status, List.of("nginx:1.27"), node, owner);
    }

    public synchronized FakeWorkloads with(WorkloadSummary... summaries) {
        for (WorkloadSummary summary : summaries) {
            objects.put(summary.ref(), summary);
            yaml.putIfAbsent(summary.ref(), "apiVersion: apps/v1\nkind: " + kind(summary.ref()) + "\nmetadata:\n  name: "
                    + summary.ref().name() + "\n  namespace: " + summary.ref().namespace() + "\nspec:\n  replicas: " + summary.desired() + "\n");
        }
        return this;
    }

    private static String kind(WorkloadRef ref) {
        return switch (ref.type()) {
            case DEPLOYMENT -> "Deployment";
            case STATEFULSET -> "StatefulSet";
            case DAEMONSET -> "DaemonSet";
            case JOB -> "Job";
            case CRONJOB -> "CronJob";
            case POD -> "Pod";
        };
    }

    public synchronized WorkloadSummary get(WorkloadRef ref) {
        return objects.get(ref);
    }

    public synchronized String yamlOf(WorkloadRef ref) {
        return yaml.get(ref);
    }

    public void conflictOnNextApply() {
        conflictOnNextApply = true;
    }

    /** Delivers a line to every follow of {@code pod}, on the calling thread. */
    public void log(String pod, String line) {
        List<LogListener> listeners;
        synchronized (this) {
            listeners = List.copyOf(follows.getOrDefault(pod, List.of()));
        }
        listeners.forEach(listener -> listener.onLine(line));
    }

    /** How many follows of {@code pod} are open (not closed by the console). */
    public synchronized int openFollows(String pod) {
        return follows.getOrDefault(pod, List.of()).size();
    }

    synchronized CompletableFuture<List<WorkloadSummary>> list(WorkloadQuery query) {
        return CompletableFuture.completedFuture(matching(query));
    }

    private synchronized List<WorkloadSummary> matching(WorkloadQuery query) {
        return objects.values().stream()
                .filter(w -> w.ref().clusterId().equals(query.clusterId()))
                .filter(w -> query.includePods() || w.ref().type() != WorkloadType.POD)
                .filter(w -> inProject(w, query))
                .sorted(Comparator.comparing((WorkloadSummary w) -> w.ref().namespace()).thenComparing(w -> w.ref().name()))
                .toList();
    }

    Subscription watch(WorkloadQuery query, Consumer<WorkloadBatch> listener) {
        listener.accept(new WorkloadBatch(true, matching(query), List.of()));
        Watch watch = new Watch(query, listener);
        watches.add(watch);
        return () -> watches.remove(watch);
    }

    public int watchCount() {
        return watches.size();
    }

    /** Changes or adds a workload and tells the watches of its cluster, on the calling thread. */
    public void emit(WorkloadSummary summary) {
        with(summary);
        watches.stream().filter(w -> w.query().clusterId().equals(summary.ref().clusterId()) && inProject(summary, w.query()))
                .forEach(w -> w.listener().accept(new WorkloadBatch(false, List.of(summary), List.of())));
    }

    /** As the engine's read model: a query's project (blank: any) narrows by the project of the workload's namespace. */
    private static boolean inProject(WorkloadSummary summary, WorkloadQuery query) {
        return query.projectId() == null || query.projectId().isBlank() || query.projectId().equals(summary.projectId());
    }

    /** A deployment in a project (its namespace annotated {@code drover.dev/project-id}). */
    public static WorkloadSummary deployment(String cluster, String project, String namespace, String name) {
        return new WorkloadSummary(new WorkloadRef(cluster, WorkloadType.DEPLOYMENT, namespace, name), project, 1, 1, "Available",
                List.of("nginx:1.27"), "", "");
    }

    synchronized CompletableFuture<List<WorkloadSummary>> pods(WorkloadRef workload) {
        String owner = kind(workload) + "/" + workload.name();
        return CompletableFuture.completedFuture(objects.values().stream()
                .filter(w -> w.ref().type() == WorkloadType.POD && w.ref().clusterId().equals(workload.clusterId())
                        && w.ref().namespace().equals(workload.namespace()) && w.owner().equals(owner))
                .toList());
    }

    CompletableFuture<Void> scale(WorkloadRef ref, int replicas) {
        WorkloadSummary current = get(ref);
        if (current == null) {
            return notFound(ref);
        }
        actions.add("scale " + ref.namespace() + "/" + ref.name() + " " + replicas);
        emit(new WorkloadSummary(ref, current.projectId(), replicas, current.ready(), current.status(), current.images(), current.node(),
                current.owner()));
        return CompletableFuture.completedFuture(null);
    }

    CompletableFuture<Void> redeploy(WorkloadRef ref) {
        if (get(ref) == null) {
            return notFound(ref);
        }
        actions.add("redeploy " + ref.namespace() + "/" + ref.name());
        return CompletableFuture.completedFuture(null);
    }

    CompletableFuture<Void> delete(WorkloadRef ref) {
        synchronized (this) {
            if (objects.remove(ref) == null) {
                return notFound(ref);
            }
            yaml.remove(ref);
        }
        actions.add("delete " + ref.namespace() + "/" + ref.name());
        watches.stream().filter(w -> w.query().clusterId().equals(ref.clusterId()))
                .forEach(w -> w.listener().accept(new WorkloadBatch(false, List.of(), List.of(ref))));
        return CompletableFuture.completedFuture(null);
    }

    synchronized CompletableFuture<String> getYaml(WorkloadRef ref) {
        String text = yaml.get(ref);
        return text == null ? notFound(ref) : CompletableFuture.completedFuture(text);
    }

    synchronized CompletableFuture<String> applyYaml(WorkloadRef ref, String text) {
        if (!yaml.containsKey(ref)) {
            return notFound(ref);
        }
        if (conflictOnNextApply) {
            conflictOnNextApply = false;
            return CompletableFuture.failedFuture(new ApiException(ApiException.Reason.CONFLICT,
                    ref.name() + " was changed by someone else meanwhile; reload it and apply your edit again."));
        }
        int tab = text.indexOf('\t');
        if (tab >= 0) {
            long line = text.substring(0, tab).chars().filter(c -> c == '\n').count() + 1;
            return CompletableFuture.failedFuture(new ApiException(ApiException.Reason.INVALID,
                    "The YAML is not valid: line " + line + " is indented with a tab."));
        }
        yaml.put(ref, text);
        actions.add("apply " + ref.namespace() + "/" + ref.name());
        return CompletableFuture.completedFuture(text);
    }

    Subscription follow(PodLogRequest request, LogListener listener) {
        synchronized (this) {
            follows.computeIfAbsent(request.pod(), pod -> new ArrayList<>()).add(listener);
        }
        return () -> {
            synchronized (this) {
                follows.getOrDefault(request.pod(), new ArrayList<>()).remove(listener);
            }
        };
    }

    private static <T> CompletableFuture<T> notFound(WorkloadRef ref) {
        return CompletableFuture.failedFuture(new ApiException(ApiException.Reason.NOT_FOUND, ref.name() + " does not exist (any more)."));
    }
}
