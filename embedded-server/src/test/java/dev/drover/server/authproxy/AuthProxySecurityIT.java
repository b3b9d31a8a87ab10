package dev.drover.server.authproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.auth.IssuedToken;
import dev.drover.engine.auth.Principal;
import dev.drover.engine.auth.TokenRequest;
import dev.drover.engine.model.User;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.StoredObject;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the proxy lets through and what it refuses, seen from the client and from the API server. */
@Timeout(120)
class AuthProxySecurityIT {

    private static final long BODY_LIMIT = 64 * 1024;

    @TempDir
    Path directory;

    private ProxyFixture fixture;
    private KubeApiMock api;
    private HttpClient client;
    private Principal alice;
    private IssuedToken token;

    @BeforeEach
    void start() {
        fixture = new ProxyFixture(directory, BODY_LIMIT);
        api = new KubeApiMock();
        fixture.directCluster("c-one", api.url(), "");
        fixture.directCluster("c-two", api.url(), "");
        alice = fixture.user("alice", List.of("ldap:devs"));
        token = fixture.token(alice, "");
        client = fixture.httpClient();
    }

    @AfterEach
    void stop() {
        client.close().await();
        fixture.close();
        api.close();
    }

    @Test
    void clientImpersonationAndCredentialsNeverReachTheApiServer() {
        // given: a valid token plus everything a client might try to smuggle downstream
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Authorization", "Bearer " + token.value())
                .add("Impersonate-User", "admin")
                .add("impersonate-group", "system:masters")
                .add("IMPERSONATE-EXTRA-scopes", "all")
                .add("Impersonate-Uid", "0")
                .add("Proxy-Authorization", "Basic YWRtaW46YWRtaW4=")
                .add("Cookie", "session=stolen")
                .add("Connection", "X-Sneaky")
                .add("X-Sneaky", "dropped because Connection names it")
                .add("X-Kept", "yes");

        // when
        Result result = call(HttpMethod.GET, "c-one", "/api/v1/namespaces", headers, null);

        // then: the API server sees alice, her groups, Drover's credential and nothing the client sent for that
        assertThat(result.status()).isEqualTo(200);
        KubeApiMock.Received received = api.requestsTo("/api/v1/namespaces").getLast();
        assertThat(received.header("Impersonate-User")).containsExactly("alice");
        assertThat(received.header("Impersonate-Group")).containsExactly("ldap:devs", "system:authenticated");
        assertThat(received.header("Authorization")).containsExactly("Bearer " + ProxyFixture.DOWNSTREAM_TOKEN);
        assertThat(received.header("Impersonate-Extra-drover.dev%2Ftoken-id")).containsExactly(token.id());
        assertThat(received.header("Impersonate-Extra-drover.dev%2Fusername")).containsExactly("alice");
        assertThat(received.header("Impersonate-Extra-drover.dev%2Fprincipal-id")).containsExactly("ldap://alice");
        assertThat(received.header("Impersonate-Extra-scopes")).isEmpty();
        assertThat(received.header("Impersonate-Uid")).isEmpty();
        assertThat(received.header("Proxy-Authorization")).isEmpty();
        assertThat(received.header("Cookie")).isEmpty();
        assertThat(received.header("X-Sneaky")).isEmpty();
        assertThat(received.header("X-Kept")).containsExactly("yes");
        assertThat(received.headers().values().toString()).doesNotContain(token.value().substring(token.value().indexOf(':') + 1));
    }

    @Test
    void aSecondAuthorizationHeaderIsRefusedAndNothingIsForwarded() {
        // given
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token.value())
                .add("Authorization", "Bearer downstream-admin-token");

        // when
        Result result = call(HttpMethod.GET, "c-one", "/api/v1/secrets", headers, null);

        // then
        assertStatus(result, 401, "Unauthorized", "one Authorization header");
        assertThat(api.requestsTo("/api/v1/secrets")).isEmpty();
    }

    @Test
    void missingWrongExpiredAndDisabledTokensGet401AsKubernetesStatus() {
        // given
        IssuedToken expired = fixture.server.authProxy().tokens().issue(alice, new TokenRequest(Duration.ofMillis(1), null, "", "short"));
        Principal carol = fixture.user("carol", List.of());
        IssuedToken carols = fixture.token(carol, "");
        assertThat(call(HttpMethod.GET, "c-one", "/api", bearer(carols.value()), null).status()).isEqualTo(200);
        disable("carol");

        // when / then
        assertStatus(call(HttpMethod.GET, "c-one", "/api", MultiMap.caseInsensitiveMultiMap(), null), 401, "Unauthorized",
                "A Drover token is required");
        assertStatus(call(HttpMethod.GET, "c-one", "/api", bearer(token.id() + ":" + "0".repeat(64)), null), 401, "Unauthorized",
                "Invalid token.");
        assertStatus(call(HttpMethod.GET, "c-one", "/api", bearer(expired.value()), null), 401, "Unauthorized", "expired");
        // a user change reaches the cache through the store watch: at most a moment later
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertStatus(call(HttpMethod.GET, "c-one", "/api", bearer(carols.value()), null), 401, "Unauthorized", "disabled"));
    }

    @Test
    void revocationTakesEffectOnTheVeryNextRequest() {
        // given: the token's validation is cached
        assertThat(call(HttpMethod.GET, "c-one", "/api", bearer(token.value()), null).status()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, "c-one", "/api", bearer(token.value()), null).status()).isEqualTo(200);

        // when
        fixture.server.authProxy().tokens().revoke(token.id());

        // then: no waiting
        assertStatus(call(HttpMethod.GET, "c-one", "/api", bearer(token.value()), null), 401, "Unauthorized", "was revoked");
    }

    @Test
    void aClusterScopedTokenWorksOnItsClusterAndGets403Elsewhere() {
        // given
        IssuedToken scoped = fixture.token(alice, "c-one");

        // when
        Result own = call(HttpMethod.GET, "c-one", "/api", bearer(scoped.value()), null);
        Result other = call(HttpMethod.GET, "c-two", "/api", bearer(scoped.value()), null);
        Result otherAgain = call(HttpMethod.GET, "c-two", "/api", bearer(scoped.value()), null);

        // then: also when the validation comes from the cache
        assertThat(own.status()).isEqualTo(200);
        assertStatus(other, 403, "Forbidden", "scoped to cluster c-one");
        assertStatus(otherAgain, 403, "Forbidden", "scoped to cluster c-one");
    }

    @Test
    void bodiesOverTheLimitGet413WhetherDeclaredOrStreamed() {
        // given
        Buffer big = Buffer.buffer(new byte[(int) BODY_LIMIT + 1]);
        Buffer fits = Buffer.buffer("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"small\"}}");

        // when
        Result declared = call(HttpMethod.POST, "c-one", "/api/v1/namespaces/default/configmaps", bearer(token.value()), big);
        int forwardedAfterDeclared = api.requestsTo("/api/v1/namespaces/default/configmaps").size();
        Result streamed = callChunked("/api/v1/namespaces/default/configmaps", bearer(token.value()), big);
        Result small = call(HttpMethod.POST, "c-one", "/api/v1/namespaces/default/configmaps",
                bearer(token.value()).add("Content-Type", "application/json"), fits);

        // then
        assertStatus(declared, 413, "RequestEntityTooLarge", "larger than the proxy's limit");
        assertStatus(streamed, 413, "RequestEntityTooLarge", "larger than the proxy's limit");
        assertThat(small.status()).as(small.body()).isEqualTo(201);
        // a declared length is refused before anything goes upstream; a streamed body is cut off mid-way
        assertThat(forwardedAfterDeclared).isZero();
        assertThat(api.server.createClient().configMaps().inNamespace("default").list().getItems())
                .extracting(cm -> cm.getMetadata().getName()).containsExactly("small");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aClientThatWritesItsWholeOverLimitBodyBeforeReadingStillGetsThe413(boolean chunked) throws Exception {
        // given: 64 times the limit, written in full before the client reads anything, as a blocking client does
        byte[] body = new byte[(int) (64 * BODY_LIMIT)];
        URI proxy = URI.create(fixture.proxyUrl("c-one"));
        String head = configMapPostHead(proxy, chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length);

        // when
        String answerHead;
        String answerBody;
        try (SSLSocket socket = connectTo(proxy)) {
            socket.setSoTimeout(15_000); // a lost answer fails the test instead of hanging it
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            for (int offset = 0; offset < body.length; offset += 16384) {
                if (chunked) {
                    out.write("4000\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write(body, offset, 16384);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            answerHead = readHead(socket.getInputStream());
            answerBody = new String(socket.getInputStream().readNBytes(contentLength(answerHead)), StandardCharsets.UTF_8);
        }

        // then: the answer was not lost to a reset; nothing was created
        if (chunked && !answerHead.startsWith("HTTP/1.1 413 ")) {
            // the first 64 KiB went upstream before the limit was reached, and the API server may answer first: that
            // answer is relayed as it came (seen once, under a starved box: fabric8's mock refusing the cut body with 400)
            assertThat(answerHead).as(answerBody).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
        } else {
            assertThat(answerHead).startsWith("HTTP/1.1 413 ").containsIgnoringCase("connection: close");
            assertStatus(new Result(413, answerBody), 413, "RequestEntityTooLarge", "larger than the proxy's limit");
        }
        assertThat(api.server.createClient().configMaps().inNamespace("default").list().getItems()).isEmpty();
    }

    /** An HTTP/1.1 answer's head, up to and without the empty line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("the connection ended before an answer's head: " + head);
            }
            head.append((char) next);
        }
        return head.substring(0, head.length() - 4);
    }

    private static int contentLength(String head) {
        return head.lines().filter(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
                .mapToInt(line -> Integer.parseInt(line.substring(15).strip())).findFirst().orElse(0);
    }

    @Test
    void aClientThatGoesQuietHalfWayThroughAnOverLimitBodyGetsThe413AndIsDisconnected() throws Exception {
        // given: a body declared far over the limit of which only a part is ever sent
        URI proxy = URI.create(fixture.proxyUrl("c-one"));
        String head = configMapPostHead(proxy, "Content-Length: " + 1024 * BODY_LIMIT);

        // when
        String answer;
        try (SSLSocket socket = connectTo(proxy)) {
            socket.setSoTimeout(15_000); // between the proxy's idle limit on lingering (2 s) and its overall one (30 s)
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[(int) (4 * BODY_LIMIT)]);
            socket.getOutputStream().flush();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        // then: the end of the stream came from the proxy, after the answer
        assertThat(answer).startsWith("HTTP/1.1 413 ").contains("RequestEntityTooLarge");
    }

    /** The head of alice's POST of a config map through {@code proxy}, with the body's framing header. */
    private String configMapPostHead(URI proxy, String framing) {
        return "POST " + proxy.getPath() + "/api/v1/namespaces/default/configmaps HTTP/1.1\r\n"
                + "Host: " + proxy.getAuthority() + "\r\nAuthorization: Bearer " + token.value() + "\r\n" + framing + "\r\n\r\n";
    }

    /** A blocking TLS connection to the proxy, trusting its CA only. */
    private SSLSocket connectTo(URI proxy) throws Exception {
        return (SSLSocket) trustingProxyCa().createSocket(proxy.getHost(), proxy.getPort());
    }

    private SSLSocketFactory trustingProxyCa() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("proxy-ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(fixture.server.caPem().getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls.getSocketFactory();
    }

    @Test
    void unknownClustersAndClustersWithoutAnAgentAreReportedAsStatus() {
        // given
        fixture.tunnelClusterWithoutAgent("c-away", api.url());

        // when / then
        assertStatus(call(HttpMethod.GET, "c-none", "/api", bearer(token.value()), null), 404, "NotFound", "c-none does not exist");
        assertStatus(call(HttpMethod.GET, "c-away", "/api", bearer(token.value()), null), 503, "ServiceUnavailable",
                "no connected agent");
    }

    private void disable(String username) {
        StoredObject stored = fixture.server.store().get(ObjectKey.of(User.KIND, username)).orElseThrow();
        JsonCodec<User> codec = new JsonCodec<>(User.class);
        fixture.server.store().update(stored.key(), stored.revision(), stored.labels(), codec.encode(codec.decode(stored).withEnabled(false)));
    }

    private static MultiMap bearer(String value) {
        return MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + value);
    }

    private static void assertStatus(Result result, int code, String reason, String message) {
        assertThat(result.status()).as(result.body()).isEqualTo(code);
        assertThat(result.body()).startsWith("{");
        JsonObject status = new JsonObject(result.body());
        assertThat(status.getString("kind")).isEqualTo("Status");
        assertThat(status.getString("apiVersion")).isEqualTo("v1");
        assertThat(status.getString("status")).isEqualTo("Failure");
        assertThat(status.getString("reason")).isEqualTo(reason);
        assertThat(status.getInteger("code")).isEqualTo(code);
        assertThat(status.getString("message")).contains(message);
    }

    record Result(int status, String body) {
    }

    private Result call(HttpMethod method, String cluster, String path, MultiMap headers, Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(fixture.proxyUrl(cluster) + path).setHeaders(headers);
        // body() in the same callback as the response: data arriving before it is set would be lost
        return client.request(options)
                .compose(request -> (body == null ? request.send() : request.send(body))
                        .compose(response -> response.body().map(b -> new Result(response.statusCode(), b.toString(StandardCharsets.UTF_8)))))
                .await();
    }

    private Result callChunked(String path, MultiMap headers, Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(fixture.proxyUrl("c-one") + path)
                .setHeaders(headers);
        return client.request(options).compose(request -> {
            request.setChunked(true);
            for (int offset = 0; offset < body.length(); offset += 8192) {
                request.write(body.getBuffer(offset, Math.min(body.length(), offset + 8192)));
            }
            request.end();
            return request.response().compose(response -> response.body()
                    .map(b -> new Result(response.statusCode(), b.toString(StandardCharsets.UTF_8))));
        }).await();
    }
}
