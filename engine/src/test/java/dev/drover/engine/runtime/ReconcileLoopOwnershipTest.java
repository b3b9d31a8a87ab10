package dev.drover.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A loop that reconciles only the keys its replica owns, and hands keys over when the split changes. */
class ReconcileLoopOwnershipTest {

    private static final ReconcileLoop.Settings FAST = ReconcileLoop.Settings.DEFAULTS
            .withResyncPeriod(Duration.ZERO).withBackoff(Duration.ofMillis(10), Duration.ofMillis(100));

    /** Reconciles by polling (requeue), as the per-cluster loops do, and records releases. */
    private static final class Recording implements Reconciler<String> {
        final Set<String> reconciled = ConcurrentHashMap.newKeySet();
        final List<String> released = new CopyOnWriteArrayList<>();

        @Override
        public ReconcileResult reconcile(String key) {
            reconciled.add(key);
            return ReconcileResult.requeueAfter(Duration.ofMillis(20));
        }

        @Override
        public void release(String key) {
            released.add(key);
        }
    }

    @Test
    void reconcilesOnlyOwnedKeysAndIgnoresEventsForOthers() {
        // given
        Set<String> owned = ConcurrentHashMap.newKeySet();
        owned.addAll(List.of("a", "b"));
        Recording reconciler = new Recording();
        try (ReconcileLoop<String> loop = new ReconcileLoop<>("t", reconciler, FAST, () -> List.of("a", "b", "c"), owned::contains)) {
            // when
            loop.start();
            loop.enqueue("c");
            loop.enqueue("d");

            // then
            await().atMost(Duration.ofSeconds(5)).until(() -> reconciler.reconciled.containsAll(List.of("a", "b")));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> reconciler.reconciled.equals(Set.of("a", "b")));
            assertThat(loop.held()).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void aRebalanceTakesTheGainedKeysAndReleasesTheLostOnesOnce() {
        // given: owns a and b, both being reconciled every 20 ms
        Set<String> owned = ConcurrentHashMap.newKeySet();
        owned.addAll(List.of("a", "b"));
        Recording reconciler = new Recording();
        try (ReconcileLoop<String> loop = new ReconcileLoop<>("t", reconciler, FAST, () -> List.of("a", "b", "c"), owned::contains)) {
            loop.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.held().equals(Set.of("a", "b")));

            // when: b moves to another replica, c comes here
            owned.remove("b");
            owned.add("c");
            loop.rebalance();

            // then
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.held().equals(Set.of("a", "c")));
            assertThat(reconciler.reconciled).contains("c");
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> reconciler.released.equals(List.of("b")));
        }
    }
}
