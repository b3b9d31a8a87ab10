package dev.drover.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.auth.IssuedToken;
import dev.drover.engine.auth.Principal;
import dev.drover.engine.auth.TokenRequest;
import dev.drover.engine.auth.TokenService;
import dev.drover.engine.model.User;
import dev.drover.engine.reconcile.kubeapiauth.KubeApiAuthReconciler;
import dev.drover.engine.runtime.ReconcileResult;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import dev.drover.tunnel.protocol.kubeapiauth.TokenRecords;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token records sync against a real store and fabric8's CRUD mock API server as the downstream cluster. */
@EnableKubernetesMockClient(crud = true)
class KubeApiAuthReconcilerTest {

    private static final String CLUSTER = "c-ace01";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    static KubernetesClient client;

    @TempDir
    Path directory;
    private SqliteResourceStore store;
    private TokenService tokens;
    private KubeApiAuthReconciler reconciler;
    private Principal alice;

    @BeforeEach
    void open() {
        store = SqliteResourceStore.open(directory);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        JsonCodec<User> users = new JsonCodec<>(User.class);
        store.create(ObjectKey.of(User.KIND, "alice"), Map.of(), users.encode(new User("alice", "Alice", "", true, "ldap", false)));
        tokens = new TokenService(store, clock, name -> store.get(ObjectKey.of(User.KIND, name)).map(users::decode));
        reconciler = new KubeApiAuthReconciler(store, new DownstreamFixture().with(CLUSTER, client), clock);
        alice = new Principal("alice", "Alice", "ldap", List.of("devs"), false);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void liveTokensForTheClusterAreSyncedAsHashesThatStillVerify() {
        // given
        IssuedToken everywhere = tokens.issue(alice, new TokenRequest(Duration.ofDays(30), null, "", "kubeconfig"));
        IssuedToken here = tokens.issue(alice, TokenRequest.forCluster(CLUSTER, Duration.ofDays(1)));
        IssuedToken elsewhere = tokens.issue(alice, TokenRequest.forCluster("c-other", Duration.ofDays(1)));
        IssuedToken idle = tokens.issue(alice, new TokenRequest(null, Duration.ofHours(2), "", "console"));

        // when
        ReconcileResult result = reconciler.reconcile(CLUSTER);

        // then
        assertThat(result).isEqualTo(ReconcileResult.done());
        TokenRecords synced = synced();
        assertThat(synced.verify(everywhere.value(), NOW)).hasValueSatisfying(r -> {
            assertThat(r.username()).isEqualTo("alice");
            assertThat(r.groups()).containsExactly("devs");
        });
        assertThat(synced.verify(here.value(), NOW)).isPresent();
        assertThat(synced.verify(elsewhere.value(), NOW)).isEmpty();
        assertThat(synced.verify(idle.value(), NOW.plus(Duration.ofHours(3)))).as("idle deadline as expiry").isEmpty();
        String stored = new String(Base64.getDecoder().decode(secret().getData().get(TokenRecords.DATA_KEY)), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain(everywhere.value().substring(everywhere.value().indexOf(':') + 1));
        assertThat(secret().getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "drover");
    }

    @Test
    void revokedTokensAndTokensOfDisabledUsersLeaveAtTheNextSync() {
        // given
        IssuedToken revoked = tokens.issue(alice, new TokenRequest(Duration.ofDays(1), null, "", "a"));
        reconciler.reconcile(CLUSTER);
        assertThat(synced().verify(revoked.value(), NOW)).isPresent();

        // when
        tokens.revoke(revoked.id());
        reconciler.reconcile(CLUSTER);

        // then
        assertThat(synced().verify(revoked.value(), NOW)).isEmpty();
        assertThat(synced().records()).isEmpty();
    }

    @Test
    void anUnreachableClusterIsRetriedLater() {
        // given / when
        ReconcileResult result = new KubeApiAuthReconciler(store, new DownstreamFixture(), Clock.systemUTC()).reconcile(CLUSTER);

        // then
        assertThat(result).isInstanceOf(ReconcileResult.RequeueAfter.class);
    }

    private Secret secret() {
        return client.secrets().inNamespace(TokenRecords.NAMESPACE).withName(TokenRecords.SECRET_NAME).get();
    }

    private TokenRecords synced() {
        return TokenRecords.decode(new String(Base64.getDecoder().decode(secret().getData().get(TokenRecords.DATA_KEY)),
                StandardCharsets.UTF_8));
    }
}
