package dev.drover.engine.api;

import dev.drover.engine.workloads.Workload;
import dev.drover.engine.workloads.WorkloadListener;
import dev.drover.engine.workloads.WorkloadsReadModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One workload watch on the read model: a snapshot, then the changes coalesced per workload over
 * {@link #WINDOW} — a pod that changes ten times in a window is sent once, in its latest state — so
 * 1,000 updates/s reach the listener as about ten calls. Informer threads only put into a map; one
 * virtual thread per watch delivers, so a slow listener never holds up the informers.
 */
final class LocalWorkloadWatch implements Subscription, WorkloadListener {

    static final Duration WINDOW = Duration.ofMillis(100);
    private static final Logger LOG = LoggerFactory.getLogger(LocalWorkloadWatch.class);

    private final WorkloadsReadModel model;
    private final WorkloadQuery query;
    private final Consumer<WorkloadBatch> listener;
    private final Predicate<Workload> matches;
    /** Key → latest state, or a deleted ref; guarded by this. */
    private Map<String, Object> pending = new LinkedHashMap<>();
    private volatile boolean closed;
    private final Thread delivery;

    LocalWorkloadWatch(WorkloadsReadModel model, WorkloadQuery query, Consumer<WorkloadBatch> listener) {
        this.model = model;
        this.query = query;
        this.listener = listener;
        this.matches = matcher(query);
        model.addListener(this); // before the snapshot: nothing between the two is lost, at worst sent twice
        this.delivery = Thread.ofVirtual().name("workload-watch-" + query.clusterId()).start(this::run);
    }

    static Predicate<Workload> matcher(WorkloadQuery query) {
        return w -> w.clusterId().equals(query.clusterId())
                && (query.includePods() || w.kind() != dev.drover.engine.workloads.WorkloadKind.POD)
                && (blank(query.projectId()) || query.projectId().equals(w.projectId()))
                && (blank(query.namespace()) || query.namespace().equals(w.namespace()));
    }

    static List<WorkloadSummary> snapshot(WorkloadsReadModel model, WorkloadQuery query) {
        Predicate<Workload> matches = matcher(query);
        return model.list(query.clusterId(), blank(query.projectId()) ? Optional.empty() : Optional.of(query.projectId()), query.includePods())
                .stream().filter(matches).map(LocalWorkloadWatch::summary).toList();
    }

    static WorkloadSummary summary(Workload w) {
        return new WorkloadSummary(ref(w), w.projectId(), w.desired(), w.ready(), w.status(), w.images(), w.node(), w.owner());
    }

    private static WorkloadRef ref(Workload w) {
        return new WorkloadRef(w.clusterId(), WorkloadType.valueOf(w.kind().name()), w.namespace(), w.name());
    }

    @Override
    public void changed(Workload workload) {
        if (matches.test(workload)) {
            put(workload.key(), workload);
        }
    }

    @Override
    public void deleted(Workload workload) {
        if (matches.test(workload)) {
            put(workload.key(), ref(workload));
        }
    }

    private synchronized void put(String key, Object latest) {
        pending.remove(key); // re-inserted last: a batch lists changes in the order of their latest update
        pending.put(key, latest);
    }

    private void run() {
        deliver(new WorkloadBatch(true, snapshot(model, query), List.of()));
        while (!closed) {
            try {
                Thread.sleep(WINDOW);
            } catch (InterruptedException e) {
                return;
            }
            Map<String, Object> batch;
            synchronized (this) {
                if (pending.isEmpty()) {
                    continue;
                }
                batch = pending;
                pending = new LinkedHashMap<>();
            }
            List<WorkloadSummary> changed = new ArrayList<>();
            List<WorkloadRef> deleted = new ArrayList<>();
            for (Object latest : batch.values()) {
                if (latest instanceof Workload w) {
                    changed.add(summary(w));
                } else {
                    deleted.add((WorkloadRef) latest);
                }
            }
            deliver(new WorkloadBatch(false, changed, deleted));
        }
    }

    private void deliver(WorkloadBatch batch) {
        if (closed) {
            return;
        }
        try {
            listener.accept(batch);
        } catch (RuntimeException e) {
            LOG.warn("A workload watch listener failed: {}", e.toString());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        model.removeListener(this);
        delivery.interrupt();
    }
}
