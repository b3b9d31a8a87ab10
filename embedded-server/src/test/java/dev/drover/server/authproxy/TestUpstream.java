package dev.drover.server.authproxy;

import dev.drover.engine.pki.CertificateAuthority;
import dev.drover.engine.pki.IssuedCertificate;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in API server over real TLS (its own CA, certificate for localhost and 127.0.0.1) for what
 * fabric8's mock cannot do on cue: a watch whose events the test releases one at a time, a WebSocket
 * echo (as exec over WebSocket), and a raw SPDY/3.1 upgrade that echoes bytes. Records each request's
 * headers.
 */
final class TestUpstream implements AutoCloseable {

    static final String WATCH_PATH = "/api/v1/namespaces/default/configmaps";
    /** Answers {@link #LARGE_BYTES} bytes of a repeating pattern, with a Content-Length (a big list). */
    static final String LARGE_PATH = "/api/v1/pods";
    static final int LARGE_BYTES = 8 * 1024 * 1024 + 17;
    /** Declares a 1,000-byte body, sends 100 bytes of it and closes the connection: an API server dying mid-answer. */
    static final String CUT_PATH = "/api/v1/nodes";

    final String caPem;
    final List<MultiMap> received = new CopyOnWriteArrayList<>();
    final List<io.vertx.core.http.HttpVersion> versions = new CopyOnWriteArrayList<>();
    private final List<HttpServerResponse> watches = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger closedWatches = new java.util.concurrent.atomic.AtomicInteger();
    private final HttpServer server;

    TestUpstream(Vertx vertx) {
        this(vertx, false);
    }

    /** @param http2 offer {@code h2} in the TLS handshake, as kube-apiserver does (upgrades still come over HTTP/1.1) */
    TestUpstream(Vertx vertx, boolean http2) {
        CertificateAuthority ca = CertificateAuthority.generate("upstream-ca", Duration.ofDays(1));
        IssuedCertificate tls = ca.issueServer("upstream", List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
        caPem = ca.certificatePem();
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(http2).setHost("127.0.0.1").setPort(0)
                        .addWebSocketSubProtocol("v5.channel.k8s.io")
                        .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(tls.chainPem()))
                                .setKeyValue(Buffer.buffer(tls.keyPem()))))
                .requestHandler(this::handle);
        server.listen().await();
    }

    String url() {
        return "https://localhost:" + server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        received.add(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
        versions.add(request.version());
        String upgrade = request.getHeader("Upgrade");
        if ("websocket".equalsIgnoreCase(upgrade)) {
            request.toWebSocket().onSuccess(socket -> socket.textMessageHandler(socket::writeTextMessage));
        } else if ("SPDY/3.1".equalsIgnoreCase(upgrade)
                && request.connection() instanceof io.vertx.core.http.impl.http1.Http1ServerConnection connection) {
            // kube-apiserver answers kubectl's POST upgrade; Vert.x's toNetSocket takes GETs only
            connection.netSocket().onSuccess(socket -> {
                socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: SPDY/3.1\r\nConnection: Upgrade\r\n"
                        + "X-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\n");
                socket.handler(socket::write);
            });
        } else if (request.path().equals(WATCH_PATH) && "true".equals(request.getParam("watch"))) {
            HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "application/json");
            response.closeHandler(v -> closedWatches.incrementAndGet());
            response.writeHead();
            watches.add(response);
        } else if (request.path().equals(CUT_PATH)) {
            request.response().putHeader("Content-Type", "application/json").putHeader("Content-Length", "1000")
                    .write("x".repeat(100)).onComplete(v -> request.connection().close());
        } else if (request.path().equals(LARGE_PATH)) {
            request.response().putHeader("Content-Type", "application/json").end(large());
        } else {
            request.body().onSuccess(body -> request.response().putHeader("Content-Type", "application/json")
                    .end("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\",\"code\":200,\"message\":\"bytes="
                            + body.length() + "\"}"));
        }
    }

    /** The body {@link #LARGE_PATH} answers. */
    static Buffer large() {
        byte[] bytes = new byte[LARGE_BYTES];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return Buffer.buffer(bytes);
    }

    /** Watches whose connection or stream the proxy has closed. */
    int closedWatches() {
        return closedWatches.get();
    }

    /** Open watches. */
    int watches() {
        return watches.size();
    }

    /** Sends one watch event line to every open watch; the response stays open. */
    void emit(String type, String name) {
        String event = "{\"type\":\"" + type + "\",\"object\":{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\""
                + name + "\",\"namespace\":\"default\"}}}\n";
        watches.forEach(w -> w.write(event));
    }

    @Override
    public void close() {
        server.close().await();
    }
}
