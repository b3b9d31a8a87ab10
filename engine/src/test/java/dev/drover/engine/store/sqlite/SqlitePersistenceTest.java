package dev.drover.engine.store.sqlite;

import static dev.drover.engine.store.ContractFixtures.WIDGET;
import static dev.drover.engine.store.ContractFixtures.body;
import static dev.drover.engine.store.ContractFixtures.create;
import static dev.drover.engine.store.ContractFixtures.widget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ListResult;
import dev.drover.engine.store.RecordingListener;
import dev.drover.engine.store.RevisionCompactedException;
import dev.drover.engine.store.StoredObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a restart must keep: objects, the revision counter, the compaction mark. */
class SqlitePersistenceTest {

    @TempDir
    Path directory;

    @Test
    void stateAndRevisionsSurviveCloseAndReopen() {
        // given
        ListResult before;
        long revision;
        long compacted;
        try (SqliteResourceStore store = SqliteResourceStore.open(directory)) {
            StoredObject a = store.create(widget("a"), Map.of("app", "web"), body("a", 1));
            create(store, widget("b"));
            create(store, widget("c"));
            store.update(widget("a"), a.revision(), Map.of("app", "api"), body("a", 2));
            store.delete(widget("b"), 0);
            store.compact(store.currentRevision() - 1);
            create(store, widget("d"));
            before = store.list(ListRequest.all(WIDGET));
            revision = store.currentRevision();
            compacted = store.compactedRevision();
        }

        // when
        try (SqliteResourceStore store = SqliteResourceStore.open(directory)) {

            // then
            assertThat(store.list(ListRequest.all(WIDGET))).isEqualTo(before);
            assertThat(store.currentRevision()).isEqualTo(revision);
            assertThat(store.compactedRevision()).isEqualTo(compacted);
            assertThatThrownBy(() -> store.watch(WIDGET, compacted - 1, new RecordingListener()))
                    .isInstanceOf(RevisionCompactedException.class);
            assertThat(create(store, widget("e")).revision()).isEqualTo(revision + 1);
        }
    }

    @Test
    void noRevisionIsReusedAfterCompactionRemovedTheNewestRow() {
        // given: the newest row is a tombstone, and compaction deletes it
        long deletedAt;
        try (SqliteResourceStore store = SqliteResourceStore.open(directory)) {
            StoredObject created = create(store, widget("short-lived"));
            deletedAt = store.delete(widget("short-lived"), created.revision()).revision();
            store.compact(deletedAt);
        }

        // when
        try (SqliteResourceStore store = SqliteResourceStore.open(directory)) {
            StoredObject next = create(store, widget("next"));

            // then: a watcher that saw deletedAt must never see that revision again
            assertThat(store.currentRevision()).isEqualTo(next.revision());
            assertThat(next.revision()).isGreaterThan(deletedAt);
        }
    }
}
