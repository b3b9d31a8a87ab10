package dev.drover.engine.authproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.pki.CertificateAuthority;
import dev.drover.engine.pki.IssuedCertificate;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy's upstream connections to an API server that speaks HTTP/2 (a Vert.x HTTPS server offering {@code h2}
 * by ALPN, as kube-apiserver does): requests become streams of as few connections as the server's stream limit
 * allows, with the same answers, headers and bodies as over HTTP/1.1.
 */
class MultiplexedConnectionsTest {

    private Vertx vertx;
    private CertificateAuthority ca;
    private final List<HttpServerRequest> received = new CopyOnWriteArrayList<>();
    private final Set<String> connections = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        ca = CertificateAuthority.generate("test-ca", Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void requestsInFlightTogetherShareOneHttp2ConnectionAndGetTheirOwnAnswers() throws Exception {
        // given: an API server that answers each request with its path after 50 ms, so that all are in flight at once
        HttpServer server = apiServer(new Http2Settings(), request -> vertx.setTimer(50, t -> request.response()
                .putHeader("Content-Type", "text/plain").end(request.path() + " " + request.getHeader("Impersonate-User"))));
        UpstreamConnections upstream = connectionsTo(server);
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext();

        // when
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(send(upstream, context, HttpMethod.GET, "/api/v1/namespaces/ns-" + i, null));
        }

        // then
        for (int i = 0; i < 20; i++) {
            assertThat(answers.get(i).body.get(10, TimeUnit.SECONDS)).isEqualTo("200 /api/v1/namespaces/ns-" + i + " alice");
        }
        assertThat(received).hasSize(20).allMatch(request -> request.version() == io.vertx.core.http.HttpVersion.HTTP_2);
        assertThat(connections).as("one connection carried all twenty").hasSize(1);
        assertThat(upstream.openConnections()).isEqualTo(1);
        assertThat(answers).allMatch(answer -> answer.head.join().headers().names().stream().noneMatch(name -> name.startsWith("x-http2")));
    }

    @Test
    void theServersStreamLimitOpensMoreConnectionsAndNoRequestIsLost() throws Exception {
        // given: at most 2 streams per connection
        HttpServer server = apiServer(new Http2Settings().setMaxConcurrentStreams(2), request -> vertx.setTimer(100,
                t -> request.response().end("ok")));
        UpstreamConnections upstream = connectionsTo(server);
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext();

        // when: 6 requests at once
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(send(upstream, context, HttpMethod.GET, "/version", null));
        }

        // then
        for (Answer answer : answers) {
            assertThat(answer.body.get(10, TimeUnit.SECONDS)).isEqualTo("200 ok");
        }
        assertThat(connections).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aRequestBodyReachesTheServerWholeAndTheStreamIsNotKeptAfterwards() throws Exception {
        // given
        Map<String, String> bodies = new ConcurrentHashMap<>();
        HttpServer server = apiServer(new Http2Settings(), request -> request.body().onSuccess(body -> {
            bodies.put(request.path(), body.toString());
            request.response().setStatusCode(201).end(Buffer.buffer("created " + body.length()));
        }));
        UpstreamConnections upstream = connectionsTo(server);
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
        String body = "{\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + "x".repeat(200_000) + "\"}}";

        // when
        Answer answer = send(upstream, context, HttpMethod.POST, "/api/v1/namespaces", body);

        // then
        assertThat(answer.body.get(10, TimeUnit.SECONDS)).isEqualTo("201 created " + body.length());
        assertThat(bodies).containsEntry("/api/v1/namespaces", body);
        await().atMost(Duration.ofSeconds(5)).until(() -> !answer.channel.isOpen());
        assertThat(upstream.openConnections()).isEqualTo(1);

        // when
        upstream.close();

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> upstream.openConnections() == 0);
    }

    private HttpServer apiServer(Http2Settings settings, io.vertx.core.Handler<HttpServerRequest> handler) {
        IssuedCertificate certificate = ca.issueServer("api", List.of("127.0.0.1"), Duration.ofHours(1));
        return vertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(true).setHost("127.0.0.1").setPort(0)
                        .setInitialSettings(settings)
                        .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(certificate.chainPem()))
                                .setKeyValue(Buffer.buffer(certificate.keyPem()))))
                .connectionHandler(connection -> connections.add(connection.remoteAddress().toString()))
                .requestHandler(request -> {
                    received.add(request);
                    handler.handle(request);
                })
                .listen().await();
    }

    private UpstreamConnections connectionsTo(HttpServer server) {
        return new UpstreamConnections(Upstreams.tls("c-1", ca.certificatePem()), "127.0.0.1", server.actualPort(), null,
                ProxySettings.DEFAULTS);
    }

    private static Answer send(UpstreamConnections upstream, ContextInternal context, HttpMethod method, String path, String body)
            throws Exception {
        CollectingExchange collector = new CollectingExchange();
        CompletableFuture<Channel> acquired = new CompletableFuture<>();
        context.runOnContext(v -> upstream.acquire(context, collector, (channel, e) -> {
            if (e != null) {
                acquired.completeExceptionally(e);
                return;
            }
            collector.onLast = () -> upstream.release(channel);
            DefaultHttpHeaders headers = new DefaultHttpHeaders();
            headers.set("Host", "127.0.0.1").set("Authorization", "Bearer t0k3n").set("Impersonate-User", "alice");
            if (body != null) {
                headers.set("Content-Length", body.getBytes(StandardCharsets.UTF_8).length);
            }
            channel.write(new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, path, headers));
            if (body != null) {
                channel.write(new DefaultHttpContent(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)));
            }
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            acquired.complete(channel);
        }));
        return new Answer(acquired.get(10, TimeUnit.SECONDS), collector.head, collector.body);
    }

    private record Answer(Channel channel, CompletableFuture<HttpResponse> head, CompletableFuture<String> body) {
    }
}
