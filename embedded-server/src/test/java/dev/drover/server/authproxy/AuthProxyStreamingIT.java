package dev.drover.server.authproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.auth.IssuedToken;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Watches stream through the proxy as they happen; WebSocket and SPDY upgrades are spliced both ways. */
@Timeout(120)
class AuthProxyStreamingIT {

    @TempDir
    Path directory;

    private ProxyFixture fixture;
    private TestUpstream upstream;
    private KubeApiMock api;
    private IssuedToken token;

    @BeforeEach
    void start() {
        fixture = new ProxyFixture(directory, 1024 * 1024);
        upstream = new TestUpstream(fixture.server.vertx(), upstreamSpeaksHttp2());
        api = new KubeApiMock();
        // the same TLS upstream reached both ways: directly, and through an agent
        fixture.directCluster("c-direct", upstream.url(), upstream.caPem);
        fixture.tunnelCluster("c-tunnel", upstream.url(), upstream.caPem);
        fixture.tunnelCluster("c-mock", api.url(), "");
        token = fixture.token(fixture.user("alice", List.of()), "");
    }

    /** Whether the test API server offers HTTP/2 (subclass {@code AuthProxyStreamingOverHttp2IT}). */
    boolean upstreamSpeaksHttp2() {
        return false;
    }

    TestUpstream upstream() {
        return upstream;
    }

    ProxyFixture fixture() {
        return fixture;
    }

    IssuedToken token() {
        return token;
    }

    @AfterEach
    void stop() {
        upstream.close();
        fixture.close();
        api.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c-direct", "c-tunnel"})
    void watchEventsArriveWhileTheResponseStaysOpen(String cluster) {
        // given: a watch through the proxy
        HttpClient client = fixture.httpClient();
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClientResponse response = client.request(new RequestOptions().setMethod(HttpMethod.GET)
                        .setAbsoluteURI(fixture.proxyUrl(cluster) + TestUpstream.WATCH_PATH + "?watch=true")
                        .addHeader("Authorization", "Bearer " + token.value()))
                .compose(request -> request.send()).await();
        response.handler(chunk -> lines.add(chunk.toString(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(5)).until(() -> upstream.watches() == 1);

        // when: the API server sends one event and keeps the response open
        upstream.emit("ADDED", "first");

        // then: the client has it before the next one exists
        await().atMost(Duration.ofSeconds(5)).until(() -> String.join("", lines).contains("\"first\""));
        assertThat(response.getHeader("Transfer-Encoding")).isEqualTo("chunked");

        // when / then: and the next
        upstream.emit("MODIFIED", "second");
        await().atMost(Duration.ofSeconds(5)).until(() -> String.join("", lines).contains("\"second\""));
        client.close().await();
    }

    @Test
    void aLargeAnswerArrivesWholeAtAClientThatReadsLate() throws Exception {
        // given: a client that does not read for a while, so the proxy's write queue fills and pauses the upstream
        HttpClient client = fixture.httpClient();
        java.util.concurrent.CompletableFuture<HttpClientResponse> answered = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Buffer> body = new java.util.concurrent.CompletableFuture<>();
        client.request(new RequestOptions().setMethod(HttpMethod.GET)
                        .setAbsoluteURI(fixture.proxyUrl("c-direct") + TestUpstream.LARGE_PATH)
                        .addHeader("Authorization", "Bearer " + token.value()))
                .compose(request -> request.send())
                .onSuccess(response -> {
                    response.pause(); // on the event loop, before any of the body is delivered
                    Buffer received = Buffer.buffer();
                    response.handler(received::appendBuffer).endHandler(v -> body.complete(received));
                    answered.complete(response);
                });
        HttpClientResponse response = answered.get(10, java.util.concurrent.TimeUnit.SECONDS);

        // when
        response.resume();

        // then
        assertThat(body.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(TestUpstream.large());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Length")).isEqualTo(String.valueOf(TestUpstream.LARGE_BYTES));
        client.close().await();
    }

    @Test
    void anAnswerTheApiServerCutsOffIsNotPassedOnAsWholeAndItsConnectionIsNotReused() {
        // given
        HttpClient client = fixture.httpClient();
        RequestOptions cut = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(fixture.proxyUrl("c-direct") + TestUpstream.CUT_PATH)
                .addHeader("Authorization", "Bearer " + token.value());

        // when
        Future<Buffer> body = client.request(cut).compose(request -> request.send()).compose(HttpClientResponse::body);

        // then: the client's connection is reset rather than handed 100 of the 1,000 bytes it was promised
        assertThatThrownBy(body::await).as("a cut-off body must fail at the client").isInstanceOf(HttpClosedException.class);

        // and: the next request is answered on a sound connection
        String next = client.request(new RequestOptions(cut).setURI("/k8s/clusters/c-direct/api/v1/namespaces"))
                .compose(request -> request.send())
                .compose(response -> response.body().map(answer -> response.statusCode() + " " + answer)).await();
        assertThat(next).startsWith("200 ").contains("\"code\":200");
        client.close().await();
    }

    @Test
    void aClientLeavingAWatchEndsItsRequestToTheApiServer() {
        // given: an open watch through the proxy
        HttpClient client = fixture.httpClient();
        client.request(new RequestOptions().setMethod(HttpMethod.GET)
                        .setAbsoluteURI(fixture.proxyUrl("c-direct") + TestUpstream.WATCH_PATH + "?watch=true")
                        .addHeader("Authorization", "Bearer " + token.value()))
                .compose(request -> request.send()).await();
        await().atMost(Duration.ofSeconds(5)).until(() -> upstream.watches() == 1);

        // when: kubectl ^C
        client.close().await();

        // then: the API server's side of the watch is closed too, not left streaming to nobody
        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.closedWatches() == 1);
    }

    @Test
    void aFabric8WatchThroughTheProxyAndTheTunnelSeesCreatedObjects() {
        // given
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(fixture.proxyUrl("c-mock"))
                .withCaCertData(java.util.Base64.getEncoder().encodeToString(fixture.server.caPem().getBytes(StandardCharsets.US_ASCII)))
                .withOauthToken(token.value()).withRequestTimeout(10_000).withConnectionTimeout(10_000).build();
        List<String> seen = new CopyOnWriteArrayList<>();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new Vertx5HttpClientFactory()).build();
             Watch watch = client.configMaps().inNamespace("default").watch(new Watcher<ConfigMap>() {
                 @Override
                 public void eventReceived(Action action, ConfigMap resource) {
                     seen.add(action + " " + resource.getMetadata().getName());
                 }

                 @Override
                 public void onClose(WatcherException cause) {
                 }
             })) {
            // when
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("watched")
                    .endMetadata().build()).create();

            // then
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("ADDED watched"));
            assertThat(watch).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"c-direct", "c-tunnel"})
    void webSocketUpgradesAreSplicedBothWays(String cluster) {
        // given: an exec-style WebSocket through the proxy
        WebSocketClient client = fixture.server.vertx().createWebSocketClient(new WebSocketClientOptions().setSsl(true)
                .setVerifyHost(true).setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(fixture.server.caPem()))));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(fixture.proxyUrl(cluster).replace("https:", "wss:")
                        + "/api/v1/namespaces/default/pods/web/exec?command=sh&stdin=true&stdout=true")
                .addHeader("Authorization", "Bearer " + token.value()).addHeader("Impersonate-User", "admin")
                .addSubProtocol("v5.channel.k8s.io");
        List<String> echoed = new CopyOnWriteArrayList<>();

        // when
        WebSocket socket = client.connect(options).await();
        socket.textMessageHandler(echoed::add);
        socket.writeTextMessage("echo one").await();
        socket.writeTextMessage("echo two").await();

        // then: both directions work, and the upgrade went up as alice with Drover's credential
        await().atMost(Duration.ofSeconds(5)).until(() -> echoed.equals(List.of("echo one", "echo two")));
        assertThat(socket.subProtocol()).isEqualTo("v5.channel.k8s.io");
        var upgrade = upstream.received.getLast();
        assertThat(upgrade.getAll("Impersonate-User")).containsExactly("alice");
        assertThat(upgrade.get("Authorization")).isEqualTo("Bearer " + ProxyFixture.DOWNSTREAM_TOKEN);
        socket.close().await();
        client.close().await();
    }

    @Test
    void spdyUpgradesAreSplicedAsRawBytes() {
        // given: kubectl's SPDY/3.1 upgrade (exec, attach, port-forward) on a raw TLS connection
        NetSocket socket = fixture.server.vertx().createNetClient(new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS")
                        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(fixture.server.caPem()))))
                .connect(fixture.server.port(), "localhost").await();
        StringBuilder received = new StringBuilder();
        socket.handler(chunk -> {
            synchronized (received) {
                received.append(chunk.toString(StandardCharsets.ISO_8859_1));
            }
        });

        // when
        socket.write("POST /k8s/clusters/c-tunnel/api/v1/namespaces/default/pods/web/portforward HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + token.value() + "\r\nConnection: Upgrade\r\n"
                + "Upgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\nContent-Length: 0\r\n\r\n").await();
        await().atMost(Duration.ofSeconds(5)).until(() -> text(received).contains("\r\n\r\n"));
        socket.write(Buffer.buffer(new byte[] {(byte) 0x80, 3, 0, 1, 0, 0, 0, 4, 'p', 'i', 'n', 'g'})).await();

        // then: 101 with the API server's protocol choice, then the same bytes come back
        assertThat(text(received)).startsWith("HTTP/1.1 101").contains("X-Stream-Protocol-Version: v4.channel.k8s.io");
        await().atMost(Duration.ofSeconds(5)).until(() -> text(received).endsWith("ping"));
        assertThat(upstream.received.getLast().getAll("Impersonate-User")).containsExactly("alice");
        socket.close();
    }

    private static String text(StringBuilder received) {
        synchronized (received) {
            return received.toString();
        }
    }
}
