package dev.drover.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.Condition;
import dev.drover.engine.model.Event;
import dev.drover.engine.reconcile.ClusterStatusUpdater;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterEventsTest {

    @TempDir
    Path directory;
    private SqliteResourceStore store;
    private final Instant start = Instant.parse("2026-11-23T10:00:00Z");
    private Instant now = start;
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @BeforeEach
    void open() {
        store = SqliteResourceStore.open(directory);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void repeatsOfOneReasonAboutOneObjectAreCountedNotDuplicated() {
        // given
        ClusterEvents events = new ClusterEvents(store, clock);
        events.record("c-aaaaa", Event.WARNING, "Unreachable", "first", "Cluster/c-aaaaa");
        // when
        now = start.plus(Duration.ofMinutes(3));
        events.record("c-aaaaa", Event.WARNING, "Unreachable", "second", "Cluster/c-aaaaa", "alice");
        events.record("c-aaaaa", Event.NORMAL, "Healthy", "ok", "Cluster/c-aaaaa");
        events.record("c-bbbbb", Event.WARNING, "Unreachable", "other cluster", "Cluster/c-bbbbb");
        // then
        List<Event> listed = events.list("c-aaaaa");
        assertThat(listed).extracting(Event::reason).containsExactlyInAnyOrder("Unreachable", "Healthy");
        Event repeated = listed.stream().filter(e -> e.reason().equals("Unreachable")).findFirst().orElseThrow();
        assertThat(repeated.count()).isEqualTo(2);
        assertThat(repeated.message()).isEqualTo("second");
        assertThat(repeated.source()).isEqualTo("alice");
        assertThat(repeated.firstTimestamp()).isEqualTo(start);
        assertThat(repeated.lastTimestamp()).isEqualTo(now);
        assertThat(events.list("c-bbbbb")).singleElement().extracting(Event::count).isEqualTo(1);
    }

    @Test
    void onlyTheNewestEventsPerClusterAreKept() {
        // given
        ClusterEvents events = new ClusterEvents(store, clock, 3);
        // when
        for (int i = 0; i < 5; i++) {
            now = start.plusSeconds(i);
            events.record("c-aaaaa", Event.NORMAL, "Step" + i, "step " + i, "Cluster/c-aaaaa");
        }
        events.record("c-bbbbb", Event.NORMAL, "Elsewhere", "kept", "Cluster/c-bbbbb");
        // then
        assertThat(events.list("c-aaaaa")).extracting(Event::reason).containsExactly("Step4", "Step3", "Step2");
        assertThat(events.list("c-bbbbb")).hasSize(1);
    }

    @Test
    void concurrentRepeatsAllCount() throws Exception {
        // given
        ClusterEvents events = new ClusterEvents(store, clock);
        // when
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, 8).forEach(i -> threads.execute(() ->
                    events.record("c-aaaaa", Event.WARNING, "AgentDisconnected", "gone", "Cluster/c-aaaaa")));
        }
        // then
        assertThat(events.list("c-aaaaa")).singleElement().extracting(Event::count).isEqualTo(8);
    }

    @Test
    void conditionChangesWrittenThroughTheStatusUpdaterBecomeEvents() {
        // given
        ClusterEvents events = new ClusterEvents(store, clock);
        ClusterStatusUpdater statuses = new ClusterStatusUpdater(store, new ConditionEvents(events));
        store.create(ObjectKey.of(Cluster.KIND, "c-aaaaa"), Map.of(), new JsonCodec<>(Cluster.class)
                .encode(new Cluster("c-aaaaa", "prod", Cluster.Type.IMPORTED, "", null)));
        // when
        statuses.update("c-aaaaa", s -> s.withCondition(new Condition("Connected", "True", "AgentConnected", "The agent is connected.", now)));
        statuses.update("c-aaaaa", s -> s.withCondition(new Condition("Connected", "True", "AgentConnected", "Still.", now)));
        statuses.update("c-aaaaa", s -> s.withCondition(new Condition("Connected", "False", "AgentDisconnected", "No agent.", now)));
        // then: the message-only refresh is no event; the disconnect is a warning
        assertThat(events.list("c-aaaaa")).extracting(e -> e.type() + " " + e.reason())
                .containsExactlyInAnyOrder("Normal AgentConnected", "Warning AgentDisconnected");
        assertThat(events.list("c-aaaaa")).allSatisfy(e -> {
            assertThat(e.involvedObject()).isEqualTo("Cluster/c-aaaaa");
            assertThat(e.count()).isEqualTo(1);
        });
    }

    @Test
    void reconcileFailuresAreCountedWarningsAndStillFail() {
        // given
        ClusterEvents events = new ClusterEvents(store, clock);
        dev.drover.engine.runtime.Reconciler<String> failing = ReconcileFailures.reporting(events, "rbacsync", clusterId -> {
            throw new IllegalStateException("downstream said 500");
        });
        // when / then
        for (int i = 0; i < 3; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.reconcile("c-aaaaa"))
                    .hasMessage("downstream said 500");
        }
        assertThat(events.list("c-aaaaa")).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(Event.WARNING);
            assertThat(e.reason()).isEqualTo(ReconcileFailures.REASON);
            assertThat(e.involvedObject()).isEqualTo("Reconciler/rbacsync");
            assertThat(e.message()).isEqualTo("rbacsync failed: downstream said 500");
            assertThat(e.count()).isEqualTo(3);
        });
    }
}
