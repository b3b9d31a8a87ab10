package dev.drover.engine.authproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.auth.TokenIdentity;
import io.vertx.core.MultiMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImpersonationHeadersTest {

    private static final TokenIdentity ALICE = new TokenIdentity("token-abcde", "alice", "ldap", List.of("devs", "ops"), false, "");

    @Test
    void clientCredentialsAndImpersonationAreReplacedWhateverTheirCase() {
        // given
        MultiMap client = MultiMap.caseInsensitiveMultiMap().add("authorization", "Bearer token-abcde:secret")
                .add("IMPERSONATE-USER", "admin").add("Impersonate-Group", "system:masters")
                .add("impersonate-extra-scopes", "x").add("Cookie", "a=b").add("Accept", "application/json");

        // when
        MultiMap upstream = ImpersonationHeaders.forUpstream(client, ALICE, "downstream", false);

        // then
        assertThat(upstream.getAll("Authorization")).containsExactly("Bearer downstream");
        assertThat(upstream.getAll("Impersonate-User")).containsExactly("alice");
        assertThat(upstream.getAll("Impersonate-Group")).containsExactly("devs", "ops", "system:authenticated");
        assertThat(upstream.get("impersonate-extra-scopes")).isNull();
        assertThat(upstream.get("Cookie")).isNull();
        assertThat(upstream.get("Accept")).isEqualTo("application/json");
        assertThat(upstream.get("Impersonate-Extra-drover.dev%2Ftoken-id")).isEqualTo("token-abcde");
        assertThat(upstream.get("Impersonate-Extra-drover.dev%2Fprincipal-id")).isEqualTo("ldap://alice");
    }

    @Test
    void hopByHopHeadersAndThoseConnectionNamesAreDroppedExceptForAnUpgrade() {
        // given
        MultiMap plain = MultiMap.caseInsensitiveMultiMap().add("Connection", "keep-alive, X-Private").add("X-Private", "1")
                .add("Transfer-Encoding", "chunked").add("Upgrade", "h2c");
        MultiMap upgrade = MultiMap.caseInsensitiveMultiMap().add("Connection", "Upgrade").add("Upgrade", "SPDY/3.1");

        // when
        MultiMap forwarded = ImpersonationHeaders.forUpstream(plain, ALICE, "t", ImpersonationHeaders.isUpgrade(plain));
        MultiMap upgraded = ImpersonationHeaders.forUpstream(upgrade, ALICE, "t", ImpersonationHeaders.isUpgrade(upgrade));

        // then
        assertThat(forwarded.names()).doesNotContain("Connection", "X-Private", "Transfer-Encoding", "Upgrade");
        assertThat(upgraded.get("Connection")).isEqualTo("Upgrade");
        assertThat(upgraded.get("Upgrade")).isEqualTo("SPDY/3.1");
    }

    @Test
    void eachGroupIsImpersonatedOnceAndEveryUserIsAuthenticated() {
        // given
        TokenIdentity listed = new TokenIdentity("token-abcde", "alice", "ldap", List.of("devs", "system:authenticated", "devs", "ops"),
                false, "");
        MultiMap client = MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json");

        // when
        MultiMap upstream = ImpersonationHeaders.forUpstream(client, listed, "t", false);
        MultiMap plain = ImpersonationHeaders.forUpstream(client, ALICE, "t", false);

        // then
        assertThat(upstream.getAll("Impersonate-Group")).containsExactly("devs", "system:authenticated", "ops");
        assertThat(plain.getAll("Impersonate-Group")).containsExactly("devs", "ops", "system:authenticated");
    }

    @Test
    void theClientsHeadersAreAddedToTheUpstreamRequestsOwn() {
        // given: the upstream request already carries what the HTTP client set
        MultiMap client = MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json").add("proxy-AUTHORIZATION", "Basic x")
                .add("User-Agent", "kubectl/v1.32");
        MultiMap request = MultiMap.caseInsensitiveMultiMap().add("X-Set-By-Client", "1");

        // when
        MultiMap out = ImpersonationHeaders.copy(client, ALICE, "Bearer downstream", false, request);

        // then
        assertThat(out).isSameAs(request);
        assertThat(request.get("X-Set-By-Client")).isEqualTo("1");
        assertThat(request.get("User-Agent")).isEqualTo("kubectl/v1.32");
        assertThat(request.get("Proxy-Authorization")).isNull();
        assertThat(request.getAll("Authorization")).containsExactly("Bearer downstream");
    }

    @Test
    void extraKeysAreEscapedAsKubeApiserverUnescapesThem() {
        // given / when / then: like client-go's headerKeyEscape, '%' itself and non-token bytes become %XX
        assertThat(ImpersonationHeaders.extraHeader("acme.com/project")).isEqualTo("Impersonate-Extra-acme.com%2Fproject");
        assertThat(ImpersonationHeaders.extraHeader("100%")).isEqualTo("Impersonate-Extra-100%25");
        assertThat(ImpersonationHeaders.extraHeader("größe")).isEqualTo("Impersonate-Extra-gr%C3%B6%C3%9Fe");
    }
}
