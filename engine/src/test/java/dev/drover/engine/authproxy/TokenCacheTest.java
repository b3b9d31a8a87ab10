package dev.drover.engine.authproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.auth.AuthenticationException;
import dev.drover.engine.auth.ForbiddenException;
import dev.drover.engine.auth.IssuedToken;
import dev.drover.engine.auth.Principal;
import dev.drover.engine.auth.TokenRequest;
import dev.drover.engine.auth.TokenService;
import dev.drover.engine.model.User;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCacheTest {

    @TempDir
    Path directory;

    private final MovableClock clock = new MovableClock();
    private SqliteResourceStore store;
    private TokenService tokens;
    private TokenCache cache;
    private Vertx vertx;
    private Context context;
    private IssuedToken token;

    @BeforeEach
    void start() {
        store = SqliteResourceStore.open(directory);
        JsonCodec<User> users = new JsonCodec<>(User.class);
        store.create(ObjectKey.of(User.KIND, "alice"), Map.of(), users.encode(new User("alice", "Alice", "", true, "ldap", false)));
        tokens = new TokenService(store, clock, name -> store.get(ObjectKey.of(User.KIND, name)).map(users::decode));
        cache = new TokenCache(tokens, store, clock, ProxySettings.DEFAULTS);
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        token = tokens.issue(new Principal("alice", "Alice", "ldap", List.of("devs"), false),
                new TokenRequest(Duration.ofHours(1), null, "c-1", "test"));
    }

    @AfterEach
    void stop() {
        cache.close();
        vertx.close().await();
        store.close();
    }

    @Test
    void aValidationIsCachedUntilTheTokenExpires() {
        // given
        assertThat(cache.authenticate(context, token.value(), "c-1").await().username()).isEqualTo("alice");
        assertThat(cache.size()).isEqualTo(1);

        // when
        clock.advance(Duration.ofHours(2));

        // then: the cache does not outlive the token
        assertThatThrownBy(() -> cache.authenticate(context, token.value(), "c-1").await())
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("expired");
    }

    @Test
    void aCachedValidationStillChecksTheSecretAndTheClusterScope() {
        // given
        cache.authenticate(context, token.value(), "c-1").await();

        // when / then
        assertThatThrownBy(() -> cache.authenticate(context, token.id() + ":wrong", "c-1").await())
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> cache.authenticate(context, token.value(), "c-2").await())
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("scoped to cluster c-1");
    }

    @Test
    void theSynchronousLookupAnswersOnlyWhatAValidationLeftAndChecksItAsAuthenticateDoes() {
        // given / when / then: nothing is known before a validation, and a bearer without a secret is refused outright
        assertThat(cache.cached(token.value(), "c-1")).isNull();
        assertThatThrownBy(() -> cache.cached("garbage", "c-1")).isInstanceOf(AuthenticationException.class);

        // when
        cache.authenticate(context, token.value(), "c-1").await();

        // then
        assertThat(cache.cached(token.value(), "c-1").username()).isEqualTo("alice");
        assertThat(cache.cached(token.id() + ":wrong", "c-1")).as("a wrong secret is left to the store").isNull();
        assertThatThrownBy(() -> cache.cached(token.value(), "c-2")).isInstanceOf(ForbiddenException.class);
        clock.advance(Duration.ofHours(2));
        assertThat(cache.cached(token.value(), "c-1")).as("expired").isNull();
    }

    @Test
    void revokingThroughTheServiceEvictsBeforeRevokeReturns() {
        // given
        cache.authenticate(context, token.value(), "c-1").await();

        // when
        tokens.revoke(token.id());

        // then
        assertThat(cache.size()).isZero();
        assertThatThrownBy(() -> cache.authenticate(context, token.value(), "c-1").await()).hasMessageContaining("revoked");
    }

    @Test
    void aRevocationByAnotherWriterOfTheStoreEvictsThroughTheWatch() {
        // given: another engine replica's token service on the same store
        cache.authenticate(context, token.value(), "c-1").await();
        TokenService elsewhere = new TokenService(store, clock, name -> java.util.Optional.empty());

        // when
        elsewhere.revoke(token.id());

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> cache.size() == 0);
    }

    @Test
    void recordingTheTokensLastUseKeepsItsValidationCached() {
        // given: two cached tokens, and the last-use granularity passed so that a validation writes the token
        IssuedToken other = tokens.issue(new Principal("alice", "Alice", "ldap", List.of("devs"), false),
                new TokenRequest(Duration.ofHours(1), null, "c-1", "other"));
        cache.authenticate(context, token.value(), "c-1").await();
        cache.authenticate(context, other.value(), "c-1").await();
        clock.advance(Duration.ofMinutes(2));

        // when: the token's last use is recorded, then the other token is revoked by another writer
        tokens.authenticate(token.value(), "c-1");
        new TokenService(store, clock, name -> java.util.Optional.empty()).revoke(other.id());

        // then: the watch delivered both in order; only the revocation evicted
        await().atMost(Duration.ofSeconds(5)).until(() -> !cache.holds(other.id()));
        assertThat(cache.holds(token.id())).isTrue();
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-23T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
