package dev.drover.engine.authproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.auth.TokenIdentity;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.vertx.core.MultiMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImpersonationTest {

    private static final TokenIdentity ALICE = new TokenIdentity("token-abcde", "alice", "ldap", List.of("devs"), false, "");

    @Test
    void engineCallsImpersonateExactlyAsTheAuthProxyDoes() {
        // given
        MultiMap proxied = ImpersonationHeaders.forUpstream(MultiMap.caseInsensitiveMultiMap(), ALICE, "t", false);
        RequestConfig base = new RequestConfigBuilder().withRequestTimeout(15_000).withRequestRetryBackoffLimit(0).build();
        // when
        RequestConfig config = Impersonation.of(ALICE).requestConfig(base);
        // then
        assertThat(config.getImpersonateUsername()).isEqualTo(proxied.get("Impersonate-User"));
        assertThat(config.getImpersonateGroups()).containsExactlyElementsOf(proxied.getAll("Impersonate-Group"));
        config.getImpersonateExtras().forEach((key, values) ->
                assertThat(values).containsExactly(proxied.get("Impersonate-Extra-" + key)));
        assertThat(config.getImpersonateExtras()).hasSize(4);
        assertThat(config.getRequestTimeout()).isEqualTo(15_000);
        assertThat(config.getRequestRetryBackoffLimit()).isZero();
    }

    @Test
    void theLabAdministratorHasNoTokenToName() {
        Impersonation admin = Impersonation.localAdmin();
        assertThat(admin.username()).isEqualTo("admin");
        assertThat(admin.groups()).containsExactly("system:authenticated");
        assertThat(admin.extras()).doesNotContainKey(ImpersonationHeaders.EXTRA_TOKEN_ID).containsEntry(ImpersonationHeaders.EXTRA_PROVIDER, "local");
    }
}
