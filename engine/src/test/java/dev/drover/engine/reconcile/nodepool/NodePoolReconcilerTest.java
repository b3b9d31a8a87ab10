package dev.drover.engine.reconcile.nodepool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.model.NodePool;
import dev.drover.engine.model.NodeTemplate;
import dev.drover.engine.provision.rke.ClusterYamlParser;
import dev.drover.engine.provision.rke.RkeClusterConfig;
import dev.drover.engine.provision.rke.RkeNode;
import dev.drover.engine.runtime.ReconcileResult;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconciler on a real SQLite store with a fake clock, fake health and a recording provisioner (test doubles). */
class NodePoolReconcilerTest {

    private static final JsonCodec<NodePool> POOLS = new JsonCodec<>(NodePool.class);

    @TempDir
    Path directory;

    private SqliteResourceStore store;
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final RecordingPoolProvisioner provisioner = new RecordingPoolProvisioner();
    private NodePoolReconciler reconciler;

    @BeforeEach
    void setUp() {
        store = SqliteResourceStore.open(directory);
        List<NodeTemplate.Host> inventory = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            inventory.add(new NodeTemplate.Host("10.0.0." + i, 22, "rancher", "/keys/id"));
        }
        store.create(ObjectKey.of(NodeTemplate.KIND, "lab"), Map.of(),
                new JsonCodec<>(NodeTemplate.class).encode(new NodeTemplate("lab", ExistingHostsDriver.NAME, inventory, Map.of())));
        reconciler = new NodePoolReconciler(store, clock, List.of(new ExistingHostsDriver()),
                (cluster, node, host) -> !down.contains(host.address()), provisioner);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private void pool(String id, int quantity, List<String> roles) {
        ObjectKey key = new ObjectKey(NodePool.KIND, "c1", id);
        var existing = store.get(key);
        NodePool pool = new NodePool("c1", id, "lab", quantity, roles, id + "-", null,
                existing.map(POOLS::decode).map(NodePool::nodes).orElse(List.of()));
        if (existing.isEmpty()) {
            store.create(key, Map.of(), POOLS.encode(pool));
        } else {
            store.update(key, existing.get().revision(), Map.of(), POOLS.encode(pool));
        }
    }

    private List<NodePool.PoolNode> nodes(String id) {
        return POOLS.decode(store.get(new ObjectKey(NodePool.KIND, "c1", id)).orElseThrow()).nodes();
    }

    @Test
    void scalesUpFromTheInventoryInOneProvisionerRunAndARepeatChangesNothing() throws Exception {
        // given
        pool("cp", 1, List.of("etcd", "controlplane"));
        pool("w", 2, List.of("worker"));
        // when
        reconciler.reconcile("c1");
        // then
        assertThat(provisioner.runs).hasSize(1);
        assertThat(provisioner.runs.getFirst()).extracting(m -> m.name() + "@" + m.host().address() + m.roles())
                .containsExactly("cp-1@10.0.0.1[etcd, controlplane]", "w-1@10.0.0.2[worker]", "w-2@10.0.0.3[worker]");
        assertThat(nodes("w")).extracting(NodePool.PoolNode::name, NodePool.PoolNode::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("w-1", "active"), org.assertj.core.groups.Tuple.tuple("w-2", "active"));
        // when
        ReconcileResult again = reconciler.reconcile("c1");
        // then
        assertThat(provisioner.runs).hasSize(1);
        assertThat(again).isEqualTo(ReconcileResult.requeueAfter(NodePoolReconciler.HEALTH_INTERVAL));
    }

    @Test
    void replacesANodeOnlyAfterItStayedUnhealthyForTheConfiguredTime() throws Exception {
        // given
        pool("w", 2, List.of("worker"));
        reconciler.reconcile("c1");
        down.add("10.0.0.2");
        // when: first seen unhealthy
        ReconcileResult first = reconciler.reconcile("c1");
        // then: only noted, and a look is due within the health interval
        assertThat(provisioner.runs).hasSize(1);
        assertThat(nodes("w").get(1)).isEqualTo(new NodePool.PoolNode("w-2", "10.0.0.2", "unhealthy", clock.instant()));
        assertThat(first).isEqualTo(ReconcileResult.requeueAfter(NodePoolReconciler.HEALTH_INTERVAL));
        // when: 14 minutes later, still down
        clock.advance(Duration.ofMinutes(14));
        ReconcileResult later = reconciler.reconcile("c1");
        // then: still kept, and the next look is when the 15 minutes are up
        assertThat(provisioner.runs).hasSize(1);
        assertThat(later).isEqualTo(ReconcileResult.requeueAfter(Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(59));
        assertThat(reconciler.reconcile("c1")).isEqualTo(ReconcileResult.requeueAfter(Duration.ofSeconds(1)));
        // when: 15 minutes
        clock.advance(Duration.ofSeconds(1));
        reconciler.reconcile("c1");
        // then: w-2 now runs on a spare machine, not on the dead one
        assertThat(provisioner.runs).hasSize(2);
        assertThat(provisioner.runs.getLast()).extracting(m -> m.name() + "@" + m.host().address()).containsExactly("w-1@10.0.0.1", "w-2@10.0.0.3");
        assertThat(nodes("w")).extracting(NodePool.PoolNode::address).containsExactly("10.0.0.1", "10.0.0.3");
    }

    @Test
    void aNodeThatRecoversInTimeIsKeptAndItsClockResets() throws Exception {
        // given
        pool("w", 1, List.of("worker"));
        reconciler.reconcile("c1");
        down.add("10.0.0.1");
        reconciler.reconcile("c1");
        clock.advance(Duration.ofMinutes(10));
        // when
        down.clear();
        reconciler.reconcile("c1");
        // then
        assertThat(nodes("w")).containsExactly(new NodePool.PoolNode("w-1", "10.0.0.1", "active", null));
        // and a new outage counts from its own start
        down.add("10.0.0.1");
        clock.advance(Duration.ofMinutes(10));
        reconciler.reconcile("c1");
        clock.advance(Duration.ofMinutes(10));
        reconciler.reconcile("c1");
        assertThat(provisioner.runs).hasSize(1);
    }

    @Test
    void scalingDownDropsTheHighestNumberedNodes() throws Exception {
        // given
        pool("w", 3, List.of("worker"));
        reconciler.reconcile("c1");
        // when
        pool("w", 1, List.of("worker"));
        reconciler.reconcile("c1");
        // then
        assertThat(provisioner.runs.getLast()).extracting(PoolMember::name).containsExactly("w-1");
        assertThat(nodes("w")).extracting(NodePool.PoolNode::name).containsExactly("w-1");
    }

    @Test
    void aFailedProvisionerRunKeepsTheOldMembershipAndIsRetried() throws Exception {
        // given
        pool("w", 1, List.of("worker"));
        provisioner.failNext = true;
        // when / then
        assertThatThrownBy(() -> reconciler.reconcile("c1")).hasMessageContaining("cluster c1: applying its node pools failed: injected");
        assertThat(nodes("w")).isEmpty();
        // when: the next attempt works
        reconciler.reconcile("c1");
        // then
        assertThat(nodes("w")).extracting(NodePool.PoolNode::address).containsExactly("10.0.0.1");
    }

    @Test
    void aClusterWithoutPoolsOrWithAPoolOfAMissingTemplateIsLeftAlone() throws Exception {
        // given
        store.create(new ObjectKey(NodePool.KIND, "c2", "x"), Map.of(),
                POOLS.encode(new NodePool("c2", "x", "no-such-template", 2, List.of("worker"), null, null, null)));
        // when
        ReconcileResult none = reconciler.reconcile("c3");
        ReconcileResult orphan = reconciler.reconcile("c2");
        // then
        assertThat(none).isEqualTo(ReconcileResult.requeueAfter(NodePoolReconciler.HEALTH_INTERVAL));
        assertThat(orphan).isEqualTo(ReconcileResult.requeueAfter(NodePoolReconciler.HEALTH_INTERVAL));
        assertThat(provisioner.runs).isEmpty();
    }

    @Test
    void thePoolsClusterYmlIsOneTheParserAccepts() {
        // given
        List<PoolMember> members = List.of(new PoolMember("cp-1", new NodeTemplate.Host("10.0.0.1", 2222, "rancher", "/keys/id"),
                List.of("etcd", "controlplane", "worker")));
        // when
        String yaml = RkePoolProvisioner.clusterYml("c1", Map.of("kubernetes_version", "v1.32.4-rancher1-1"), members);
        // then
        RkeClusterConfig config = ClusterYamlParser.parse(yaml).config();
        assertThat(config.clusterName()).isEqualTo("c1");
        assertThat(config.nodes()).singleElement().satisfies(n -> {
            assertThat(n.address()).isEqualTo("10.0.0.1");
            assertThat(n.port()).isEqualTo(2222);
            assertThat(n.nodeName()).isEqualTo("cp-1");
            assertThat(n.has(RkeNode.Role.CONTROLPLANE)).isTrue();
        });
    }

    /** TEST DOUBLE for {@link PoolProvisioner}: records each membership it is asked to apply; can fail once. */
    private static final class RecordingPoolProvisioner implements PoolProvisioner {
        final List<List<PoolMember>> runs = new ArrayList<>();
        boolean failNext;

        @Override
        public void apply(String clusterId, List<PoolMember> members) throws Exception {
            if (failNext) {
                failNext = false;
                throw new Exception("injected");
            }
            runs.add(List.copyOf(members));
        }
    }

    /** A clock the test moves. */
    private static final class FakeClock extends Clock {
        private Instant now;

        FakeClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
