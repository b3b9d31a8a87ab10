package dev.drover.engine.store;

import static dev.drover.engine.store.ContractFixtures.body;
import static dev.drover.engine.store.ContractFixtures.create;
import static dev.drover.engine.store.ContractFixtures.gadget;
import static dev.drover.engine.store.ContractFixtures.widget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Creates, reads, updates, deletes and batches; part of {@link ResourceStoreContract}. */
public interface StoreWriteContract {

    ResourceStore store();

    @Test
    default void createThenGetReturnsWhatWasStored() {
        // given
        ObjectKey key = widget("team-a", "first");

        // when
        StoredObject created = store().create(key, Map.of("app", "web"), body("first", 1));

        // then
        assertThat(created.key()).isEqualTo(key);
        assertThat(created.labels()).isEqualTo(Map.of("app", "web"));
        assertThat(created.body()).isEqualTo(body("first", 1));
        assertThat(created.revision()).isPositive().isEqualTo(created.createRevision())
                .isEqualTo(store().currentRevision());
        assertThat(store().get(key)).contains(created);
    }

    @Test
    default void creatingAnExistingKeyFailsAndKeepsTheOriginal() {
        // given
        StoredObject original = create(store(), widget("taken"));
        long revision = store().currentRevision();

        // when / then
        assertThatThrownBy(() -> store().create(widget("taken"), Map.of(), body("taken", 2)))
                .isInstanceOf(AlreadyExistsException.class);
        assertThat(store().get(widget("taken"))).contains(original);
        assertThat(store().currentRevision()).isEqualTo(revision);
    }

    @Test
    default void getOfAMissingKeyIsEmpty() {
        assertThat(store().get(widget("nobody"))).isEmpty();
    }

    @Test
    default void updateAtTheCurrentRevisionReplacesTheObject() {
        // given
        StoredObject created = create(store(), widget("w"));

        // when
        StoredObject updated = store().update(widget("w"), created.revision(), Map.of("tier", "db"), body("w", 2));

        // then
        assertThat(updated.revision()).isGreaterThan(created.revision()).isEqualTo(store().currentRevision());
        assertThat(updated.createRevision()).isEqualTo(created.revision());
        assertThat(store().get(widget("w"))).contains(updated);
        assertThat(updated.labels()).isEqualTo(Map.of("tier", "db"));
        assertThat(updated.body()).isEqualTo(body("w", 2));
    }

    @Test
    default void updateWithAStaleRevisionConflictsAndChangesNothing() {
        // given: someone else updated after we read
        StoredObject read = create(store(), widget("w"));
        StoredObject theirs = store().update(widget("w"), read.revision(), Map.of(), body("w", 2));
        long revision = store().currentRevision();

        // when / then
        assertThatThrownBy(() -> store().update(widget("w"), read.revision(), Map.of(), body("w", 3)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> store().delete(widget("w"), read.revision()))
                .isInstanceOf(ConflictException.class);
        assertThat(store().get(widget("w"))).contains(theirs);
        assertThat(store().currentRevision()).isEqualTo(revision);
    }

    @Test
    default void updateOrDeleteOfAMissingKeyIsNotFound() {
        // given: one key that never existed, one that did
        StoredObject gone = create(store(), widget("gone"));
        store().delete(widget("gone"), gone.revision());

        // when / then
        for (ObjectKey key : List.of(widget("never"), widget("gone"))) {
            assertThatThrownBy(() -> store().update(key, 0, Map.of(), body(key.name(), 2)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store().delete(key, 0)).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    default void deleteReturnsTheLastStateAtTheDeleteRevision() {
        // given
        StoredObject created = store().create(widget("w"), Map.of("app", "web"), body("w", 1));
        StoredObject last = store().update(widget("w"), created.revision(), Map.of("app", "api"), body("w", 2));

        // when
        StoredObject deleted = store().delete(widget("w"), last.revision());

        // then
        assertThat(deleted.revision()).isGreaterThan(last.revision()).isEqualTo(store().currentRevision());
        assertThat(deleted.body()).isEqualTo(body("w", 2));
        assertThat(deleted.labels()).isEqualTo(Map.of("app", "api"));
        assertThat(deleted.createRevision()).isEqualTo(created.revision());
        assertThat(store().get(widget("w"))).isEmpty();
    }

    @Test
    default void recreatingADeletedKeyStartsANewLife() {
        // given
        StoredObject first = create(store(), widget("phoenix"));
        store().delete(widget("phoenix"), first.revision());

        // when
        StoredObject second = store().create(widget("phoenix"), Map.of(), body("phoenix", 9));

        // then
        assertThat(second.createRevision()).isEqualTo(second.revision()).isGreaterThan(first.createRevision());
        assertThat(store().get(widget("phoenix"))).contains(second);
    }

    @Test
    default void revisionsIncreaseAcrossKindsAndKeys() {
        // given / when: interleaved writes to two kinds
        StoredObject w = create(store(), widget("w"));
        StoredObject g = create(store(), gadget("g"));
        StoredObject w2 = store().update(widget("w"), w.revision(), Map.of(), body("w", 2));
        StoredObject gDeleted = store().delete(gadget("g"), g.revision());
        StoredObject other = create(store(), widget("other"));

        // then
        assertThat(List.of(w.revision(), g.revision(), w2.revision(), gDeleted.revision(), other.revision()))
                .isSorted().doesNotHaveDuplicates();
        assertThat(store().currentRevision()).isEqualTo(other.revision());
    }

    @Test
    default void aBatchGetsOneRevisionPerWriteInOrder() {
        // given
        StoredObject existing = create(store(), widget("existing"));

        // when
        List<StoredObject> results = store().commit(List.of(
                new Write.Create(widget("a"), Map.of(), body("a", 1)),
                new Write.Update(widget("existing"), existing.revision(), Map.of(), body("existing", 2)),
                new Write.Create(gadget("b"), Map.of(), body("b", 1))));

        // then
        assertThat(results).extracting(StoredObject::key).containsExactly(widget("a"), widget("existing"), gadget("b"));
        assertThat(results).extracting(StoredObject::revision).isSorted().doesNotHaveDuplicates()
                .allMatch(revision -> revision > existing.revision());
        assertThat(results.getLast().revision()).isEqualTo(store().currentRevision());
        assertThat(store().get(widget("existing"))).contains(results.get(1));
    }

    @Test
    default void aBatchWithOneFailingWriteWritesNothing() {
        // given: the third write will conflict
        StoredObject read = create(store(), widget("contested"));
        StoredObject current = store().update(widget("contested"), read.revision(), Map.of(), body("contested", 2));
        long revision = store().currentRevision();

        // when
        assertThatThrownBy(() -> store().commit(List.of(
                new Write.Create(widget("one"), Map.of(), body("one", 1)),
                new Write.Create(gadget("two"), Map.of(), body("two", 1)),
                new Write.Update(widget("contested"), read.revision(), Map.of(), body("contested", 3)))))
                .isInstanceOf(ConflictException.class);

        // then
        assertThat(store().get(widget("one"))).isEmpty();
        assertThat(store().get(gadget("two"))).isEmpty();
        assertThat(store().get(widget("contested"))).contains(current);
        assertThat(store().currentRevision()).isEqualTo(revision);
    }

    @Test
    default void aBatchMayWriteEachKeyOnlyOnce() {
        // given
        long revision = store().currentRevision();

        // when / then
        assertThatThrownBy(() -> store().commit(List.of(
                new Write.Create(widget("twice"), Map.of(), body("twice", 1)),
                new Write.Update(widget("twice"), 0, Map.of(), body("twice", 2)))))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(store().get(widget("twice"))).isEmpty();
        assertThat(store().currentRevision()).isEqualTo(revision);
    }

    @Test
    default void aClosedStoreRefusesWork() {
        // given
        create(store(), widget("w"));

        // when
        store().close();
        store().close();

        // then
        assertThatThrownBy(() -> create(store(), widget("late"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> store().get(widget("w"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> store().list(ListRequest.all(ContractFixtures.WIDGET)))
                .isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> store().watch(ContractFixtures.WIDGET, 0, new RecordingListener()))
                .isInstanceOf(StoreClosedException.class);
    }
}
