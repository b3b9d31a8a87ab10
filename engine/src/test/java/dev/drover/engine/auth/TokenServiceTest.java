package dev.drover.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.model.Token;
import dev.drover.engine.store.ListRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenServiceTest {

    @TempDir
    Path directory;
    private AuthFixture auth;
    private Principal dana;

    @BeforeEach
    void open() {
        auth = new AuthFixture(directory);
        auth.users.create("dana", null, "danas-password-1".toCharArray(), false);
        dana = new Principal("dana", null, "local", List.of("ops"), false);
    }

    @AfterEach
    void close() {
        auth.close();
    }

    @Test
    void aFreshTokenAuthenticatesAndOnlyItsSaltedHashIsStored() {
        // when
        IssuedToken issued = auth.tokens.issue(dana, TokenRequest.LOGIN);
        // then
        TokenIdentity identity = auth.tokens.authenticate(issued.value(), null);
        assertThat(identity.username()).isEqualTo("dana");
        assertThat(identity.groups()).containsExactly("ops");
        assertThat(identity.tokenId()).isEqualTo(issued.id());
        String secret = issued.value().substring(issued.value().indexOf(':') + 1);
        String body = auth.store.list(ListRequest.all(Token.KIND)).items().getFirst().body();
        assertThat(body).doesNotContain(secret);
        assertThat(issued.toString()).doesNotContain(secret);
    }

    @Test
    void wrongOrMalformedSecretsAreRejected() {
        IssuedToken issued = auth.tokens.issue(dana, TokenRequest.LOGIN);
        for (String bad : List.of(issued.id() + ":" + "0".repeat(64), issued.id(), issued.id() + ":", "token-zzzzz:abc",
                "Bearer " + issued.value(), "", ":")) {
            assertThatThrownBy(() -> auth.tokens.authenticate(bad, null)).as(bad).isInstanceOf(AuthenticationException.class);
        }
        assertThatThrownBy(() -> auth.tokens.authenticate(null, null)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void expiresAfterItsTtl() {
        IssuedToken issued = auth.tokens.issue(dana, new TokenRequest(Duration.ofHours(1), null, "", ""));
        auth.clock.advance(Duration.ofMinutes(59));
        auth.tokens.authenticate(issued.value(), null);
        auth.clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> auth.tokens.authenticate(issued.value(), null)).hasMessageContaining("expired");
    }

    @Test
    void expiresWhenIdleButUseKeepsItAlive() {
        IssuedToken issued = auth.tokens.issue(dana, new TokenRequest(null, Duration.ofMinutes(30), "", ""));
        for (int i = 0; i < 4; i++) {
            auth.clock.advance(Duration.ofMinutes(20));
            auth.tokens.authenticate(issued.value(), null);
        }
        auth.clock.advance(Duration.ofMinutes(31));
        assertThatThrownBy(() -> auth.tokens.authenticate(issued.value(), null)).hasMessageContaining("unused");
    }

    @Test
    void revokedTokensAndDisabledUsersFail() {
        IssuedToken revoked = auth.tokens.issue(dana, TokenRequest.LOGIN);
        IssuedToken other = auth.tokens.issue(dana, TokenRequest.LOGIN);
        auth.tokens.revoke(revoked.id());
        auth.tokens.revoke(revoked.id());
        assertThatThrownBy(() -> auth.tokens.authenticate(revoked.value(), null)).hasMessageContaining("revoked");
        auth.tokens.authenticate(other.value(), null);
        auth.users.setEnabled("dana", false);
        assertThatThrownBy(() -> auth.tokens.authenticate(other.value(), null)).hasMessageContaining("disabled");
    }

    @Test
    void clusterScopedTokensWorkOnlyForTheirCluster() {
        IssuedToken scoped = auth.tokens.issue(dana, TokenRequest.forCluster("c-aaaaa", Duration.ofDays(30)));
        assertThat(auth.tokens.authenticate(scoped.value(), "c-aaaaa").clusterId()).isEqualTo("c-aaaaa");
        assertThatThrownBy(() -> auth.tokens.authenticate(scoped.value(), "c-bbbbb"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("c-aaaaa");
        assertThatThrownBy(() -> auth.tokens.authenticate(scoped.value(), null)).isInstanceOf(ForbiddenException.class);
        IssuedToken global = auth.tokens.issue(dana, TokenRequest.LOGIN);
        assertThat(auth.tokens.authenticate(global.value(), "c-bbbbb").username()).isEqualTo("dana");
    }

    @Test
    void cleanupDeletesOnlyDeadTokens() {
        IssuedToken shortLived = auth.tokens.issue(dana, new TokenRequest(Duration.ofMinutes(5), null, "", ""));
        IssuedToken revoked = auth.tokens.issue(dana, TokenRequest.LOGIN);
        IssuedToken alive = auth.tokens.issue(dana, new TokenRequest(Duration.ofDays(1), null, "", ""));
        auth.tokens.revoke(revoked.id());
        auth.clock.advance(Duration.ofMinutes(10));
        assertThat(auth.tokens.deleteDead()).isEqualTo(2);
        assertThat(auth.tokens.list("dana")).extracting(Token::id).containsExactly(alive.id());
        assertThat(shortLived.id()).isNotEqualTo(alive.id());
    }
}
