package dev.drover.engine.store.etcd;

import static dev.drover.engine.store.ContractFixtures.body;
import static dev.drover.engine.store.ContractFixtures.create;
import static dev.drover.engine.store.ContractFixtures.gadget;
import static dev.drover.engine.store.ContractFixtures.widget;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.ResourceStoreContract;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.store.Write;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.DeleteOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The etcd backend against the shared contract, on one real 3-member cluster for the whole suite. Each
 * test gets a prefix of its own (a fresh store as far as it can tell) whose keys are deleted afterwards.
 *
 * <p>One contract test is overridden, because it states SQLite's model rather than the store's promise:
 * an etcd transaction commits at one revision, so the writes of a batch share it instead of getting one
 * each. The override checks what etcd does promise: one revision, newer than before, results in order.
 */
class EtcdResourceStoreTest extends ResourceStoreContract {

    private static final AtomicInteger TESTS = new AtomicInteger();
    private static EtcdCluster cluster;
    private static Client cleaner;
    private String prefix;

    @BeforeAll
    static void startCluster() {
        cluster = EtcdCluster.start(3);
        cleaner = EtcdOptions.of(cluster.clientUrls()).connect();
    }

    @AfterAll
    static void stopCluster() {
        cleaner.close();
        cluster.close();
    }

    @Override
    protected ResourceStore openStore() {
        prefix = "/contract-" + TESTS.incrementAndGet();
        return EtcdResourceStore.open(EtcdOptions.of(cluster.clientUrls()).withPrefix(prefix));
    }

    @AfterEach
    void deleteKeys() throws Exception {
        cleaner.getKVClient().delete(EtcdKeys.bytes(prefix), DeleteOption.builder().isPrefix(true).build())
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    @Override
    public void aBatchGetsOneRevisionPerWriteInOrder() {
        // given
        StoredObject existing = create(store(), widget("existing"));

        // when
        List<StoredObject> results = store().commit(List.of(
                new Write.Create(widget("a"), Map.of(), body("a", 1)),
                new Write.Update(widget("existing"), existing.revision(), Map.of(), body("existing", 2)),
                new Write.Create(gadget("b"), Map.of(), body("b", 1))));

        // then: etcd's transaction revision, shared by every write of the batch
        assertThat(results).extracting(StoredObject::key).containsExactly(widget("a"), widget("existing"), gadget("b"));
        assertThat(results).extracting(StoredObject::revision).containsOnly(store().currentRevision())
                .allMatch(revision -> revision > existing.revision());
        assertThat(results.get(1).createRevision()).isEqualTo(existing.revision());
        assertThat(store().get(widget("existing"))).contains(results.get(1));
    }

    @Test
    void aBatchLargerThanEtcdTakesIsRefusedClearlyAndWritesNothing() {
        // given
        List<Write> tooMany = java.util.stream.IntStream.rangeClosed(0, EtcdResourceStore.MAX_BATCH)
                .mapToObj(i -> (Write) new Write.Create(widget("w-" + i), Map.of(), body("w", i))).toList();
        long revision = store().currentRevision();

        // when / then
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store().commit(tooMany))
                .isInstanceOf(dev.drover.engine.store.InvalidRequestException.class).hasMessageContaining("at most 128");
        assertThat(store().currentRevision()).isEqualTo(revision);
    }
}
