package dev.drover.engine.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.store.sqlite.SqliteResourceStore;
import dev.drover.tunnel.protocol.TunnelEndpoints;
import io.vertx.core.MultiMap;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrationTokensTest {

    @TempDir
    Path directory;

    @Test
    void tokensAuthorizeTheirClusterAndNothingElse() {
        try (SqliteResourceStore store = SqliteResourceStore.open(directory)) {
            // given
            RegistrationTokens tokens = new RegistrationTokens(store, Clock.systemUTC());
            String token = tokens.create("c-abcde");
            // when / then
            assertThat(token).matches("[a-z0-9]{10}\\.[a-z0-9]{48}");
            assertThat(tokens.clusterFor(token)).contains("c-abcde");
            char last = token.charAt(token.length() - 1);
            // a different last character every time (replacing it by a fixed one was a no-op 1 time in 36)
            assertThat(tokens.clusterFor(token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0'))).isEmpty();
            assertThat(tokens.clusterFor("nonsense")).isEmpty();
            assertThat(tokens.clusterFor(null)).isEmpty();
            TunnelAuthorizer authorizer = tokens.authorizer();
            assertThat(authorizer.authorize(headers(token, null))).contains(new AgentIdentity("c-abcde", ""));
            assertThat(authorizer.authorize(headers(token, "node-1")).orElseThrow().sessionKey()).isEqualTo("c-abcde:node-1");
            assertThat(authorizer.authorize(headers(token, "Bad Node"))).isEmpty();
            assertThat(authorizer.authorize(headers("x", null))).isEmpty();
        }
    }

    private static MultiMap headers(String token, String node) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(TunnelEndpoints.TOKEN_HEADER, token);
        if (node != null) {
            headers.add(TunnelEndpoints.NODE_HEADER, node);
        }
        return headers;
    }
}
