package dev.drover.engine.workloads;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The informer's item store, holding {@link Workload} summaries instead of whole objects: what lets one
 * server cache hundreds of thousands of pods. The informer itself only needs names and resourceVersions
 * back (to tell relist deletions), so {@link #get} hands it a skeleton object with just that metadata.
 */
final class SummaryItemStore<T extends HasMetadata> implements ItemStore<T> {

    private final String clusterId;
    private final Supplier<T> skeletons;
    private final Consumer<Workload> changed;
    private final Consumer<Workload> deleted;
    private final Map<String, Workload> summaries = new ConcurrentHashMap<>();

    SummaryItemStore(String clusterId, Supplier<T> skeletons, Consumer<Workload> changed, Consumer<Workload> deleted) {
        this.clusterId = clusterId;
        this.skeletons = skeletons;
        this.changed = changed;
        this.deleted = deleted;
    }

    @Override
    public String getKey(T object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    @Override
    public T put(String key, T object) {
        Workload summary = WorkloadSummaries.of(clusterId, object);
        Workload previous = summaries.put(key, summary);
        if (previous == null || !previous.equals(summary)) {
            changed.accept(summary);
        }
        return previous == null ? null : skeleton(previous);
    }

    @Override
    public T remove(String key) {
        Workload previous = summaries.remove(key);
        if (previous == null) {
            return null;
        }
        deleted.accept(previous);
        return skeleton(previous);
    }

    @Override
    public Stream<String> keySet() {
        return summaries.keySet().stream();
    }

    @Override
    public Stream<T> values() {
        return summaries.values().stream().map(this::skeleton);
    }

    @Override
    public int size() {
        return summaries.size();
    }

    @Override
    public T get(String key) {
        Workload summary = summaries.get(key);
        return summary == null ? null : skeleton(summary);
    }

    Stream<Workload> summaries() {
        return summaries.values().stream();
    }

    private T skeleton(Workload summary) {
        T object = skeletons.get();
        object.setMetadata(new ObjectMetaBuilder().withNamespace(summary.namespace()).withName(summary.name())
                .withResourceVersion(summary.resourceVersion()).build());
        return object;
    }
}
