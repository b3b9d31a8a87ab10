package dev.drover.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The paging token: round-trips, is URL-safe, and rejects anything it did not produce. */
class ContinueTokenTest {

    @Test
    void roundTrips() {
        ContinueToken token = new ContinueToken(42, "team-a", "web-7");

        assertThat(ContinueToken.decode(token.encode())).isEqualTo(token);
    }

    @Test
    void roundTripsClusterScopedKeys() {
        ContinueToken token = new ContinueToken(Long.MAX_VALUE, "", "node-1");

        assertThat(ContinueToken.decode(token.encode())).isEqualTo(token);
    }

    @Test
    void isSafeInAUrlQuery() {
        // Bytes chosen so plain base64 would need '+', '/' and '=' padding.
        String encoded = new ContinueToken(7, "\u00fe\u00ff", "??>").encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%", "abc", "", "v2\n1\n\nx", "v1\n1\nx", "v1\n0\n\nx", "v1\n-5\n\nx", "v1\nten\n\nx",
        "v1\n1\na\nb\nc"})
    void rejectsWhatItDidNotProduce(String raw) {
        String token = raw.startsWith("v")
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8))
                : raw;

        assertThatThrownBy(() -> ContinueToken.decode(token))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("continue token");
    }
}
