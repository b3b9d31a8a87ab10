package dev.drover.engine.store.sqlite;

import static dev.drover.engine.store.ContractFixtures.WIDGET;
import static dev.drover.engine.store.ContractFixtures.create;
import static dev.drover.engine.store.ContractFixtures.widget;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.store.RecordingListener;
import dev.drover.engine.store.StoreClosedException;
import dev.drover.engine.store.StoreException;
import dev.drover.engine.store.Watch;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watcher that cannot keep up is cut off instead of growing the heap; the others carry on. */
class SqliteWatchBacklogTest {

    private static final int MAX_BACKLOG = 10;

    @TempDir
    Path directory;

    @Test
    void aWatcherTooFarBehindIsClosedWhileOthersContinue() {
        // given: one watcher stuck in its first event
        CountDownLatch gate = new CountDownLatch(1);
        RecordingListener stuck = new RecordingListener(gate);
        RecordingListener keepingUp = new RecordingListener();
        try (SqliteResourceStore store = SqliteResourceStore.open(directory,
                SqliteOptions.DEFAULTS.withMaxWatchBacklog(MAX_BACKLOG));
             Watch _ = store.watch(WIDGET, 0, stuck);
             Watch _ = store.watch(WIDGET, 0, keepingUp)) {

            // when: three times the backlog is written, at the pace of the listener that keeps up (written all at once,
            // a delivery thread started late on a busy machine let that one fall behind too, 1 run in ~60)
            for (int i = 0; i < 3 * MAX_BACKLOG; i++) {
                create(store, widget("w-" + i));
                keepingUp.awaitEvents(i + 1);
            }
            gate.countDown();

            // then
            StoreException cause = stuck.awaitClosed();
            assertThat(cause).isNotInstanceOf(StoreClosedException.class).hasMessageContaining("behind");
            assertThat(stuck.events()).hasSizeLessThanOrEqualTo(MAX_BACKLOG + 1);
            assertThat(store.watchCount()).isEqualTo(1);
            create(store, widget("after"));
            keepingUp.awaitEvents(3 * MAX_BACKLOG + 1);
            assertThat(keepingUp.closedWith()).isNull();
        }
    }
}
