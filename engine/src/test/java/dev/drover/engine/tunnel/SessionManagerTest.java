package dev.drover.engine.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.tunnel.protocol.FrameTransport;
import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.SessionOptions;
import dev.drover.tunnel.protocol.StreamAcceptor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionManagerTest {

    private final Vertx vertx = Vertx.vertx();
    private final SessionManager sessions = new SessionManager(vertx);

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void dialWaitsABoundedTimeForAnAbsentAgentThenSaysSo() {
        // given
        Dialer dialer = new Dialer(sessions, Duration.ofMillis(300));
        long start = System.nanoTime();
        // when
        Future<?> dial = dialer.dial("c-away", "10.0.0.1:443");
        // then
        await().atMost(Duration.ofSeconds(3)).until(dial::isComplete);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        assertThat(dial.cause()).isInstanceOf(AgentDisconnectedException.class)
                .hasMessage("agent disconnected: cluster c-away has no connected agent (waited 0.3 s for it to reconnect)");
    }

    @Test
    void waitingDialGetsTheAgentThatReconnectsAndNodeAgentsAreTheFallback() {
        // given
        List<String> changes = new ArrayList<>();
        sessions.addListener(changes::add);
        Future<Session> waiting = sessions.await("c-1", Duration.ofSeconds(5));
        // when: a node agent, then the cluster agent connect
        Session node = newSession();
        sessions.add(new AgentIdentity("c-1", "node-a"), node);
        Session clusterAgent = newSession();
        sessions.add(new AgentIdentity("c-1", ""), clusterAgent);
        // then
        assertThat(waiting.await()).isSameAs(node);
        assertThat(sessions.pick("c-1")).contains(clusterAgent);
        assertThat(sessions.state("c-1")).isEqualTo(new SessionManager.TunnelState(true, 1));
        // when: the cluster agent goes away
        clusterAgent.close("gone");
        // then
        await().until(() -> !sessions.state("c-1").clusterAgent());
        assertThat(sessions.pick("c-1")).contains(node);
        assertThat(changes).containsOnly("c-1").hasSizeGreaterThanOrEqualTo(3);
    }

    private Session newSession() {
        Promise<Session> session = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> session.complete(
                new Session(new NullTransport(), Session.Role.SERVER, SessionOptions.DEFAULTS, StreamAcceptor.REFUSE_ALL)));
        return session.future().await();
    }

    private static final class NullTransport implements FrameTransport {
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
    }
}
