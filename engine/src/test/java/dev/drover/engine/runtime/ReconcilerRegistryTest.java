package dev.drover.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ReconcilerRegistryTest {

    private static final ReconcileLoop.Settings SETTINGS = ReconcileLoop.Settings.DEFAULTS.withResyncPeriod(Duration.ZERO);

    /** Leadership the test hands over and takes back. */
    private static final class SwitchableLeadership implements Leadership {
        private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
        private final AtomicBoolean leader = new AtomicBoolean();

        @Override
        public boolean isLeader() {
            return leader.get();
        }

        @Override
        public void onChange(Consumer<Boolean> listener) {
            listeners.add(listener);
            listener.accept(leader.get());
        }

        void set(boolean value) {
            leader.set(value);
            listeners.forEach(l -> l.accept(value));
        }
    }

    @Test
    void leaderOnlyLoopsRunOnlyWhileLeading() {
        // given
        List<String> seen = new CopyOnWriteArrayList<>();
        SwitchableLeadership leadership = new SwitchableLeadership();
        try (ReconcilerRegistry registry = new ReconcilerRegistry()) {
            registry.register("zeta-everywhere", false, () -> new ReconcileLoop<>("z", key -> {
                seen.add("z:" + key);
                return ReconcileResult.done();
            }, SETTINGS, List::of));
            registry.register("alpha-leader", true, () -> new ReconcileLoop<>("a", key -> {
                seen.add("a:" + key);
                return ReconcileResult.done();
            }, SETTINGS, () -> List.of("startup")));
            // when
            registry.start(leadership);
            registry.enqueue("zeta-everywhere", "k1");
            registry.enqueue("alpha-leader", "ignored-while-follower");
            // then
            assertThat(registry.names()).containsExactly("alpha-leader", "zeta-everywhere");
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("z:k1"));
            assertThat(registry.running("alpha-leader")).isEmpty();

            leadership.set(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("a:startup"));
            leadership.set(false);
            assertThat(registry.running("alpha-leader")).isEmpty();
            leadership.set(true);
            assertThat(registry.running("alpha-leader")).isPresent();
            assertThat(seen).doesNotContain("a:ignored-while-follower");
        }
    }

    @Test
    void namesAreUniqueAndFixedAfterStart() {
        try (ReconcilerRegistry registry = new ReconcilerRegistry()) {
            registry.register("x", false, () -> new ReconcileLoop<>("x", key -> ReconcileResult.done(), SETTINGS, List::of));
            assertThatThrownBy(() -> registry.register("x", false, () -> null)).isInstanceOf(IllegalArgumentException.class);
            registry.start(Leadership.always());
            assertThatThrownBy(() -> registry.register("y", false, () -> null)).isInstanceOf(IllegalStateException.class);
        }
    }
}
