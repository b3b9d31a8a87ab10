package dev.drover.agents.kubeapiauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.tunnel.protocol.kubeapiauth.TokenRecord;
import dev.drover.tunnel.protocol.kubeapiauth.TokenRecords;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real HTTP TokenReview requests, as an API server would send them, against the synced records. */
class TokenReviewWebhookTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String SALT = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path directory;

    private Vertx vertx;
    private HttpServer server;
    private Path file;

    @BeforeEach
    void start() throws Exception {
        file = directory.resolve("tokens.json");
        write(List.of(
                new TokenRecord("token-alice", SALT, TokenRecords.hash(SALT, "alice-secret"), "alice", List.of("devs", "ops"), 0),
                new TokenRecord("token-old01", SALT, TokenRecords.hash(SALT, "old-secret"), "bob", List.of(), NOW.getEpochSecond())));
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(new TokenReviewHandler(new TokenRecordFile(file),
                Clock.fixed(NOW, ZoneOffset.UTC))).listen(0, "127.0.0.1").await();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void aLiveDroverTokenIsAuthenticatedWithItsUserAndGroups() throws Exception {
        // when
        JsonObject review = review("token-alice:alice-secret");

        // then
        assertThat(review.getString("apiVersion")).isEqualTo("authentication.k8s.io/v1");
        assertThat(review.getString("kind")).isEqualTo("TokenReview");
        JsonObject status = review.getJsonObject("status");
        assertThat(status.getBoolean("authenticated")).isTrue();
        assertThat(status.getJsonObject("user").getString("username")).isEqualTo("alice");
        assertThat(status.getJsonObject("user").getJsonArray("groups").getList()).containsExactly("devs", "ops");
    }

    @Test
    void wrongSecretExpiredAndUnknownTokensAreNotAuthenticated() throws Exception {
        // when / then
        assertThat(review("token-alice:guess").getJsonObject("status").getBoolean("authenticated")).isFalse();
        assertThat(review("token-old01:old-secret").getJsonObject("status").getBoolean("authenticated")).isFalse();
        assertThat(review("token-nope1:alice-secret").getJsonObject("status").getBoolean("authenticated")).isFalse();
        assertThat(review("eyJhbGciOi.service-account.jwt").getJsonObject("status").getString("error"))
                .isEqualTo("not a valid Drover token");
    }

    @Test
    void aRevocationSyncedIntoTheFileAppliesToTheNextReview() throws Exception {
        // given
        assertThat(review("token-alice:alice-secret").getJsonObject("status").getBoolean("authenticated")).isTrue();

        // when: the engine's next sync leaves alice's token out (the kubelet rewrites the mounted file)
        write(List.of());
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));

        // then
        assertThat(review("token-alice:alice-secret").getJsonObject("status").getBoolean("authenticated")).isFalse();
    }

    private void write(List<TokenRecord> records) throws Exception {
        Files.writeString(file, new TokenRecords(records).encode());
    }

    private JsonObject review(String token) throws Exception {
        String body = new JsonObject().put("apiVersion", "authentication.k8s.io/v1").put("kind", "TokenReview")
                .put("spec", new JsonObject().put("token", token)).encode();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.actualPort() + TokenReviewHandler.PATH))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(response.body());
    }
}
