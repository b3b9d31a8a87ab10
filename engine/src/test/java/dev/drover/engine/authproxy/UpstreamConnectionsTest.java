package dev.drover.engine.authproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.kubeconfig.SelfSignedTls;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy's own upstream connections against a real TLS server (self-signed, for 127.0.0.1 only). */
class UpstreamConnectionsTest {

    private static final ProxySettings SETTINGS = ProxySettings.DEFAULTS;

    private SelfSignedTls apiServer;
    private SelfSignedTls otherServer;
    private Vertx vertx;

    @BeforeEach
    void start() throws Exception {
        apiServer = new SelfSignedTls("t0k3n");
        otherServer = new SelfSignedTls("other");
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
        apiServer.close();
        otherServer.close();
    }

    @Test
    void anEventLoopReusesItsOwnConnectionForOneRequestAfterAnother() throws Exception {
        // given
        UpstreamConnections connections = new UpstreamConnections(Upstreams.tls("c-1", apiServer.certificatePem), "127.0.0.1",
                apiServer.port(), null, SETTINGS);
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext();

        // when
        List<Channel> used = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Answer answer = get(connections, context, "/version", "Bearer t0k3n");
            used.add(answer.channel);
            answers.add(answer.body.get(10, TimeUnit.SECONDS));
        }

        // then
        assertThat(answers).allMatch(body -> body.startsWith("200 ") && body.contains("v1.32.4"));
        assertThat(used).as("one keep-alive connection, given back after each answer").containsOnly(used.getFirst());
        assertThat(used.getFirst().eventLoop()).isSameAs(context.nettyEventLoop());
        assertThat(connections.openConnections()).isEqualTo(1);

        // when a second loop forwards too, it opens a connection of its own
        ContextInternal other = (ContextInternal) vertx.getOrCreateContext();
        other = other.nettyEventLoop() == context.nettyEventLoop() ? otherLoop(context) : other;
        Answer second = get(connections, other, "/version", "Bearer t0k3n");
        second.body.get(10, TimeUnit.SECONDS);

        // then
        assertThat(second.channel).isNotSameAs(used.getFirst());
        assertThat(second.channel.eventLoop()).isSameAs(other.nettyEventLoop());
        assertThat(connections.openConnections()).isEqualTo(2);

        // when
        connections.close();

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> connections.openConnections() == 0);
    }

    @Test
    void aServerTheClustersCaDidNotSignIsRefused() {
        // given: the right address, another server's certificate as the cluster's CA
        UpstreamConnections connections = new UpstreamConnections(Upstreams.tls("c-1", otherServer.certificatePem), "127.0.0.1",
                apiServer.port(), null, SETTINGS);

        // when
        Throwable failure = failureOf(connections);

        // then
        assertThat(failure).isInstanceOf(SSLHandshakeException.class);
        assertThat(connections.openConnections()).isZero();
    }

    @Test
    void aCertificateForAnotherNameIsRefused() {
        // given: the right CA, but the certificate names 127.0.0.1 and the cluster's URL says localhost
        UpstreamConnections connections = new UpstreamConnections(Upstreams.tls("c-1", apiServer.certificatePem), "localhost",
                apiServer.port(), null, SETTINGS);

        // when / then
        assertThat(failureOf(connections)).isInstanceOf(SSLHandshakeException.class);
    }

    private Throwable failureOf(UpstreamConnections connections) {
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        context.runOnContext(v -> connections.acquire(context, new CollectingExchange(), (channel, e) -> failed.complete(e)));
        return failed.join();
    }

    private ContextInternal otherLoop(ContextInternal context) {
        for (int i = 0; i < 16; i++) {
            ContextInternal candidate = (ContextInternal) ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext();
            if (candidate.nettyEventLoop() != context.nettyEventLoop()) {
                return candidate;
            }
        }
        throw new IllegalStateException("Vert.x gave every context the same event loop");
    }

    private static Answer get(UpstreamConnections connections, ContextInternal context, String path, String authorization) throws Exception {
        CollectingExchange collector = new CollectingExchange();
        CompletableFuture<Channel> acquired = new CompletableFuture<>();
        context.runOnContext(v -> connections.acquire(context, collector, (channel, e) -> {
            if (e != null) {
                acquired.completeExceptionally(e);
                return;
            }
            collector.onLast = () -> connections.release(channel);
            DefaultHttpHeaders headers = new DefaultHttpHeaders();
            headers.set("Host", "127.0.0.1").set("Authorization", authorization);
            channel.write(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path, headers));
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            acquired.complete(channel);
        }));
        return new Answer(acquired.get(10, TimeUnit.SECONDS), collector.body);
    }

    private record Answer(Channel channel, CompletableFuture<String> body) {
    }
}
