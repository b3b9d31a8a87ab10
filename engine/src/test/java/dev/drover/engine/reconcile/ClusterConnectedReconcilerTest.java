package dev.drover.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.Condition;
import dev.drover.engine.reconcile.clusterconnected.ClusterConnectedReconciler;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import dev.drover.engine.tunnel.AgentIdentity;
import dev.drover.engine.tunnel.AgentPresence;
import dev.drover.engine.tunnel.SessionManager;
import dev.drover.tunnel.protocol.FrameTransport;
import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.SessionOptions;
import dev.drover.tunnel.protocol.StreamAcceptor;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConnectedReconcilerTest {

    @TempDir
    Path directory;
    private final Vertx vertx = Vertx.vertx();
    private final SessionManager sessions = new SessionManager(vertx);
    private SqliteResourceStore store;
    private ClusterStatusUpdater statuses;
    private ClusterConnectedReconciler reconciler;

    @BeforeEach
    void open() {
        store = SqliteResourceStore.open(directory);
        statuses = new ClusterStatusUpdater(store);
        reconciler = new ClusterConnectedReconciler(AgentPresence.local(sessions, null), statuses, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
        vertx.close().await();
    }

    @Test
    void followsTheAgentsOnceOneHasConnected() {
        // given a cluster whose agent never connected
        create("c-edge1", Cluster.Type.IMPORTED);
        // when
        reconciler.reconcile("c-edge1");
        // then nothing is claimed yet: the cluster is pending, not lost
        assertThat(connected("c-edge1")).isEmpty();
        // when its agent connects
        Session agent = newSession();
        sessions.add(new AgentIdentity("c-edge1", ""), agent);
        reconciler.reconcile("c-edge1");
        // then
        assertThat(connected("c-edge1")).hasValueSatisfying(c -> assertThat(c.status() + "/" + c.reason()).isEqualTo("True/AgentConnected"));
        // when it goes away
        agent.close("gone");
        org.awaitility.Awaitility.await().until(() -> !sessions.state("c-edge1").reachable());
        reconciler.reconcile("c-edge1");
        // then
        assertThat(connected("c-edge1")).hasValueSatisfying(c -> assertThat(c.status() + "/" + c.reason()).isEqualTo("False/AgentDisconnected"));
    }

    @Test
    void directClustersHaveNoAgentAndAreLeftAlone() {
        create("c-core1", Cluster.Type.DIRECT);
        reconciler.reconcile("c-core1");
        reconciler.reconcile("c-gone1");
        assertThat(connected("c-core1")).isEmpty();
    }

    private Optional<Condition> connected(String id) {
        return statuses.get(id).orElseThrow().status().condition(ClusterConnectedReconciler.CONNECTED);
    }

    private void create(String id, Cluster.Type type) {
        store.create(ObjectKey.of(Cluster.KIND, id), Map.of(), new JsonCodec<>(Cluster.class).encode(new Cluster(id, id, type, "", null)));
    }

    private Session newSession() {
        Promise<Session> session = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> session.complete(new Session(new FrameTransport() {
            @Override
            public void send(Buffer frame) {
            }

            @Override
            public boolean writeQueueFull() {
                return false;
            }

            @Override
            public void drainHandler(Runnable handler) {
            }

            @Override
            public void close(int code, String reason) {
            }
        }, Session.Role.SERVER, SessionOptions.DEFAULTS, StreamAcceptor.REFUSE_ALL)));
        return session.future().await();
    }
}
