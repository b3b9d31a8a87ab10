package dev.drover.engine.store.etcd;

import static dev.drover.engine.store.ContractFixtures.WIDGET;
import static dev.drover.engine.store.ContractFixtures.body;
import static dev.drover.engine.store.ContractFixtures.widget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.RecordingListener;
import dev.drover.engine.store.StoreException;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.store.Watch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Members of a real 3-member cluster are SIGKILLed under a running writer: one lost member changes nothing
 * visible, two take quorum away and the store refuses writes with {@link EtcdUnavailableException} while
 * still answering reads; with quorum back writes resume, and every write that was acknowledged is there.
 */
class EtcdStoreFaultTest {

    private EtcdCluster cluster;
    private EtcdResourceStore store;

    @BeforeEach
    void start() {
        cluster = EtcdCluster.start(3);
        store = EtcdResourceStore.open(EtcdOptions.of(cluster.clientUrls()).withRequestTimeout(Duration.ofSeconds(6)));
    }

    @AfterEach
    void stop() {
        store.close();
        cluster.close();
    }

    @Test
    void writesAndWatchesContinueWhenOneMemberDies() throws InterruptedException {
        // given: a watch and a writer running
        RecordingListener listener = new RecordingListener();
        Writer writer = new Writer(store);
        try (Watch _ = store.watch(WIDGET, store.currentRevision(), listener)) {
            writer.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.acknowledged.size() >= 20);

            // when
            cluster.kill(0);
            int atKill = writer.acknowledged.size();

            // then: writes go on without a single failure and the watch sees every one of them
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.acknowledged.size() >= atKill + 50);
            writer.stop();
            assertThat(writer.failures).isEmpty();
            listener.awaitEvents(writer.acknowledged.size());
            assertThat(listener.events()).extracting(event -> event.object().key())
                    .containsExactlyElementsOf(writer.acknowledged);
        }
    }

    @Test
    void withoutQuorumWritesAreRefusedClearlyReadsGoOnAndNothingAcknowledgedIsLost() throws InterruptedException {
        // given
        Writer writer = new Writer(store);
        writer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.acknowledged.size() >= 20);

        // when: two of three members die
        cluster.kill(0);
        cluster.kill(1);

        // then: writes fail with the one clear exception, reads are still answered by the survivor
        await().atMost(Duration.ofSeconds(30)).until(() -> !writer.failures.isEmpty());
        writer.stop();
        assertThat(writer.failures).allSatisfy(failure -> assertThat(failure).isInstanceOf(EtcdUnavailableException.class)
                .hasMessageContaining("read-only"));
        assertThatThrownBy(() -> store.create(widget("refused"), Map.of(), body("refused", 1)))
                .isInstanceOf(EtcdUnavailableException.class);
        ObjectKey firstAcknowledged = writer.acknowledged.getFirst();
        assertThat(store.get(firstAcknowledged)).isPresent();

        // when: quorum returns
        cluster.restartWithoutWaiting(0);
        cluster.restartWithoutWaiting(1);
        cluster.awaitHealthy(2);

        // then: writes succeed again and every acknowledged write is there
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> store.create(widget("after-quorum"), Map.of(), body("after", 1)) != null);
        List<ObjectKey> stored = store.list(ListRequest.all(WIDGET)).items().stream().map(StoredObject::key).toList();
        assertThat(stored).containsAll(writer.acknowledged).contains(widget("after-quorum"));
    }

    /** Creates widgets one after another, remembering which creates etcd acknowledged and which failed. */
    private static final class Writer {
        final List<ObjectKey> acknowledged = new CopyOnWriteArrayList<>();
        final List<StoreException> failures = new CopyOnWriteArrayList<>();
        private final EtcdResourceStore store;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger next = new AtomicInteger();
        private Thread thread;

        Writer(EtcdResourceStore store) {
            this.store = store;
        }

        void start() {
            thread = Thread.ofPlatform().name("fault-writer").start(() -> {
                while (running.get()) {
                    ObjectKey key = widget(String.format("w-%06d", next.getAndIncrement()));
                    try {
                        store.create(key, Map.of(), body(key.name(), 1));
                        acknowledged.add(key);
                    } catch (StoreException e) {
                        failures.add(e);
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
