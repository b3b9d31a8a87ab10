package dev.drover.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.store.sqlite.SqliteResourceStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreInformerTest {

    @TempDir
    Path directory;
    private SqliteResourceStore store;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void open() {
        store = SqliteResourceStore.open(directory);
    }

    @AfterEach
    void close() {
        executor.close();
        store.close();
    }

    @Test
    void listsThenSaysSyncedAtTheListsRevisionThenWatches() {
        // given
        store.create(ObjectKey.of("Thing", "a"), Map.of(), "{}");
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicLong synced = new AtomicLong();
        // when
        try (StoreInformer informer = StoreInformer.start(store, "Thing", 0, executor, handler(seen, synced, new AtomicReference<>()))) {
            await().until(() -> synced.get() > 0);
            store.create(ObjectKey.of("Thing", "b"), Map.of(), "{}");
            // then
            await().until(() -> seen.size() == 2);
            assertThat(seen).containsExactly("ADDED a", "ADDED b");
            assertThat(synced.get()).isEqualTo(store.currentRevision() - 1);
        }
    }

    @Test
    void resumesAfterARevisionWithoutListingAndReportsACompactedOne() {
        // given
        long from = store.create(ObjectKey.of("Thing", "a"), Map.of(), "{}").revision();
        store.create(ObjectKey.of("Thing", "b"), Map.of(), "{}");
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicLong synced = new AtomicLong();
        // when
        try (StoreInformer informer = StoreInformer.start(store, "Thing", from, executor, handler(seen, synced, new AtomicReference<>()))) {
            // then: only what came after, and no synced call
            await().until(() -> seen.size() == 1);
            assertThat(seen).containsExactly("ADDED b");
            assertThat(synced.get()).isZero();
        }
        // when the resume point is gone
        store.delete(ObjectKey.of("Thing", "a"), 0);
        store.compact(store.currentRevision());
        AtomicReference<StoreException> failed = new AtomicReference<>();
        try (StoreInformer informer = StoreInformer.start(store, "Thing", from, executor, handler(seen, synced, failed))) {
            // then
            await().until(() -> failed.get() != null);
            assertThat(failed.get()).isInstanceOf(RevisionCompactedException.class);
        }
    }

    private static StoreInformer.Handler handler(List<String> seen, AtomicLong synced, AtomicReference<StoreException> failed) {
        return new StoreInformer.Handler() {
            @Override
            public void onEvent(WatchEvent event) {
                seen.add(event.type() + " " + event.object().key().name());
            }

            @Override
            public void onSynced(long revision) {
                synced.set(revision);
            }

            @Override
            public void onFailed(StoreException cause) {
                failed.set(cause);
            }
        };
    }
}
