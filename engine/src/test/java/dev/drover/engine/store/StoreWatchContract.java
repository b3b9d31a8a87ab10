package dev.drover.engine.store;

import static dev.drover.engine.store.ContractFixtures.WIDGET;
import static dev.drover.engine.store.ContractFixtures.body;
import static dev.drover.engine.store.ContractFixtures.create;
import static dev.drover.engine.store.ContractFixtures.gadget;
import static dev.drover.engine.store.ContractFixtures.widget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.store.WatchEvent.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Watches: order, history then live, compaction, closing, slow consumers; part of {@link ResourceStoreContract}. */
public interface StoreWatchContract {

    ResourceStore store();

    @Test
    default void watchDeliversChangesOfItsKindInOrder() {
        // given
        RecordingListener listener = new RecordingListener();
        try (Watch _ = store().watch(WIDGET, store().currentRevision(), listener)) {

            // when: the gadget write between them must not show up
            StoredObject added = store().create(widget("w"), Map.of("app", "web"), body("w", 1));
            create(store(), gadget("g"));
            StoredObject modified = store().update(widget("w"), added.revision(), Map.of("app", "api"), body("w", 2));
            StoredObject deleted = store().delete(widget("w"), modified.revision());

            // then
            assertThat(listener.awaitEvents(3).events()).containsExactly(
                    new WatchEvent(Type.ADDED, added),
                    new WatchEvent(Type.MODIFIED, modified),
                    new WatchEvent(Type.DELETED, deleted));
        }
    }

    @Test
    default void deletedEventCarriesTheLastBody() {
        // given
        StoredObject created = store().create(widget("w"), Map.of("app", "web"), body("w", 1));
        StoredObject last = store().update(widget("w"), created.revision(), Map.of("app", "api"), body("w", 7));
        long from = store().currentRevision();
        RecordingListener listener = new RecordingListener();

        // when
        try (Watch _ = store().watch(WIDGET, from, listener)) {
            store().delete(widget("w"), last.revision());

            // then
            WatchEvent event = listener.awaitEvents(1).events().getFirst();
            assertThat(event.type()).isEqualTo(Type.DELETED);
            assertThat(event.revision()).isGreaterThan(last.revision());
            assertThat(event.object().body()).isEqualTo(body("w", 7));
            assertThat(event.object().labels()).isEqualTo(Map.of("app", "api"));
            assertThat(event.object().createRevision()).isEqualTo(created.revision());
        }
    }

    @Test
    default void watchesSeeHistoryThenLiveChangesExactlyOnceWhileAWriterRuns() throws InterruptedException {
        // given: a writer thread mixing kinds and write types, remembering each widget change it committed
        List<WatchEvent> committed = new CopyOnWriteArrayList<>();
        Thread writer = Thread.ofPlatform().name("contract-writer").start(() -> writeMixedHistory(300, committed));

        // when: watches start at different points, from the past and from "now", while it writes
        await().atMost(Duration.ofSeconds(20)).until(() -> store().currentRevision() >= 60);
        RecordingListener fromStart = new RecordingListener();
        Watch first = store().watch(WIDGET, 0, fromStart);
        await().atMost(Duration.ofSeconds(20)).until(() -> store().currentRevision() >= 150);
        RecordingListener fromMiddle = new RecordingListener();
        Watch second = store().watch(WIDGET, 100, fromMiddle);
        long now = store().currentRevision();
        RecordingListener fromNow = new RecordingListener();
        Watch third = store().watch(WIDGET, now, fromNow);
        writer.join();

        // then: each saw exactly the widget changes after its start revision, in commit order
        assertThat(committed).hasSizeGreaterThan(100);
        assertSawExactly(fromStart, committed, 0);
        assertSawExactly(fromMiddle, committed, 100);
        assertSawExactly(fromNow, committed, now);
        first.close();
        second.close();
        third.close();
    }

    @Test
    default void watchFromAheadOfTheStoreStartsAfterThatRevision() {
        // given: a caller that saw a revision this store has not reached yet (another replica, a restore)
        long from = store().currentRevision() + 3;
        RecordingListener listener = new RecordingListener();
        try (Watch _ = store().watch(WIDGET, from, listener)) {

            // when
            for (int i = 0; i < 5; i++) {
                create(store(), widget("w-" + i));
            }

            // then: only what is newer than the revision asked for
            listener.awaitEvents(2);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(listener.revisions()).containsExactly(from + 1, from + 2));
        }
    }

    @Test
    default void watchingFromACompactedRevisionIsRefused() {
        // given
        StoredObject created = create(store(), widget("w"));
        store().update(widget("w"), created.revision(), Map.of(), body("w", 2));
        create(store(), widget("other"));
        long compacted = store().currentRevision();
        store().compact(compacted);

        // when / then
        assertThatThrownBy(() -> store().watch(WIDGET, compacted - 1, new RecordingListener()))
                .isInstanceOf(RevisionCompactedException.class);
        RecordingListener listener = new RecordingListener();
        try (Watch _ = store().watch(WIDGET, compacted, listener)) {
            StoredObject after = create(store(), widget("after"));
            assertThat(listener.awaitEvents(1).events()).containsExactly(new WatchEvent(Type.ADDED, after));
        }
    }

    @Test
    default void closingAWatchStopsDelivery() {
        // given: two watches, one to be closed, the other as a witness that delivery went on
        RecordingListener closed = new RecordingListener();
        RecordingListener witness = new RecordingListener();
        long from = store().currentRevision();
        Watch toClose = store().watch(WIDGET, from, closed);
        try (Watch _ = store().watch(WIDGET, from, witness)) {
            create(store(), widget("before"));
            closed.awaitEvents(1);

            // when
            toClose.close();
            toClose.close();
            create(store(), widget("after-1"));
            create(store(), widget("after-2"));

            // then
            witness.awaitEvents(3);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(closed.events()).hasSize(1));
            assertThat(closed.closedWith()).as("onClosed is for ends the caller did not ask for").isNull();
        }
    }

    @Test
    default void aSlowListenerDelaysNeitherWritersNorOtherWatchers() {
        // given: one listener stuck until the gate opens
        CountDownLatch gate = new CountDownLatch(1);
        RecordingListener slow = new RecordingListener(gate);
        RecordingListener brisk = new RecordingListener();
        long from = store().currentRevision();
        try (Watch _ = store().watch(WIDGET, from, slow); Watch _ = store().watch(WIDGET, from, brisk)) {

            // when
            for (int i = 0; i < 50; i++) {
                create(store(), widget("w-" + i));
            }

            // then: the brisk watcher got everything while the slow one still holds its first event
            brisk.awaitEvents(50);
            assertThat(slow.events()).isEmpty();
            gate.countDown();
            slow.awaitEvents(50);
            assertThat(slow.revisions()).containsExactlyElementsOf(brisk.revisions());
        }
    }

    @Test
    default void closingTheStoreEndsWatchesWithStoreClosed() {
        // given
        RecordingListener listener = new RecordingListener();
        store().watch(WIDGET, store().currentRevision(), listener);

        // when
        store().close();

        // then
        assertThat(listener.awaitClosed()).isInstanceOf(StoreClosedException.class);
    }

    private static void assertSawExactly(RecordingListener listener, List<WatchEvent> committed, long after) {
        List<WatchEvent> expected = committed.stream().filter(event -> event.revision() > after).toList();
        listener.awaitEvents(expected.size());
        assertThat(listener.events()).as("events after revision %d", after).containsExactlyElementsOf(expected);
    }

    /** Creates, updates and deletes widgets and gadgets at random; records the widget changes in order. */
    private void writeMixedHistory(int writes, List<WatchEvent> committedWidgets) {
        Random random = new Random(7);
        List<ObjectKey> live = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            double dice = random.nextDouble();
            WatchEvent event;
            if (live.size() < 5 || dice < 0.4) {
                ObjectKey key = random.nextBoolean() ? widget("w-" + i) : gadget("g-" + i);
                event = new WatchEvent(Type.ADDED, store().create(key, Map.of("n", "" + i), body(key.name(), i)));
                live.add(key);
            } else if (dice < 0.8) {
                ObjectKey key = live.get(random.nextInt(live.size()));
                long revision = store().get(key).orElseThrow().revision();
                event = new WatchEvent(Type.MODIFIED, store().update(key, revision, Map.of("n", "" + i), body(key.name(), i)));
            } else {
                ObjectKey key = live.remove(random.nextInt(live.size()));
                event = new WatchEvent(Type.DELETED, store().delete(key, 0));
            }
            if (event.object().key().kind().equals(WIDGET)) {
                committedWidgets.add(event);
            }
        }
    }
}
