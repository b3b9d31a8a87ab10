package dev.drover.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconcileLoopTest {

    private static final ReconcileLoop.Settings FAST = ReconcileLoop.Settings.DEFAULTS
            .withResyncPeriod(Duration.ZERO).withBackoff(Duration.ofMillis(10), Duration.ofMillis(100));

    @Test
    void reconcilesEveryExistingKeyOnStartAndQueuedKeysAfter() {
        // given
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        Reconciler<String> counting = key -> {
            calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return ReconcileResult.done();
        };
        try (ReconcileLoop<String> loop = new ReconcileLoop<>("t", counting, FAST, () -> List.of("a", "b"))) {
            // when
            loop.start();
            loop.enqueue("c");
            // then
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.keySet().containsAll(List.of("a", "b", "c")));
        }
    }

    @Test
    void failuresAreRetriedWithBackoffUntilTheyPass() {
        // given: fails three times, then succeeds
        AtomicInteger attempts = new AtomicInteger();
        Reconciler<String> flaky = key -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new IllegalStateException("downstream not ready");
            }
            return ReconcileResult.done();
        };
        try (ReconcileLoop<String> loop = new ReconcileLoop<>("t", flaky, FAST, List::of)) {
            // when
            loop.start();
            loop.enqueue("x");
            // then
            await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 4);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> attempts.get() == 4);
        }
    }

    @Test
    void requeueAfterComesBackWithoutAnEvent() {
        AtomicInteger attempts = new AtomicInteger();
        Reconciler<String> polling = key -> attempts.incrementAndGet() < 3
                ? ReconcileResult.requeueAfter(Duration.ofMillis(20)) : ReconcileResult.done();
        try (ReconcileLoop<String> loop = new ReconcileLoop<>("t", polling, FAST, List::of)) {
            loop.start();
            loop.enqueue("x");
            await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 3);
        }
    }

    @Test
    void aStuckKeyDoesNotHoldUpOtherKeys() {
        // given: reconciling "dead" blocks (a cluster that never answers)
        CountDownLatch never = new CountDownLatch(1);
        Map<String, Boolean> reconciled = new ConcurrentHashMap<>();
        Reconciler<String> reconciler = key -> {
            if (key.equals("dead")) {
                never.await();
            }
            reconciled.put(key, true);
            return ReconcileResult.done();
        };
        try (ReconcileLoop<String> loop = new ReconcileLoop<>("t", reconciler, FAST.withWorkers(2), List::of)) {
            loop.start();
            // when
            loop.enqueue("dead");
            for (int i = 0; i < 50; i++) {
                loop.enqueue("alive-" + i);
            }
            // then
            await().atMost(Duration.ofSeconds(5)).until(() -> reconciled.size() == 50);
            never.countDown();
        }
    }

    @Test
    void resyncQueuesEveryKeyPeriodically() {
        AtomicInteger calls = new AtomicInteger();
        Reconciler<String> counting = key -> {
            calls.incrementAndGet();
            return ReconcileResult.done();
        };
        try (ReconcileLoop<String> loop = new ReconcileLoop<>("t", counting,
                FAST.withResyncPeriod(Duration.ofMillis(50)), () -> List.of("only"))) {
            loop.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 3);
        }
    }
}
