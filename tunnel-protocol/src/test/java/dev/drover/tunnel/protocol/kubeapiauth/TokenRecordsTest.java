package dev.drover.tunnel.protocol.kubeapiauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenRecordsTest {

    private static final String SALT = "00112233445566778899aabbccddeeff";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theSecretItsHashWasMadeFromVerifiesAfterAJsonRoundTripUntilItExpires() {
        // given
        TokenRecord alice = new TokenRecord("token-abcde", SALT, TokenRecords.hash(SALT, "secret"), "alice", List.of("devs"),
                NOW.plusSeconds(60).getEpochSecond());
        TokenRecords records = TokenRecords.decode(new TokenRecords(List.of(alice)).encode());

        // when / then
        assertThat(records.verify("token-abcde:secret", NOW)).contains(alice);
        assertThat(records.verify("token-abcde:wrong", NOW)).isEmpty();
        assertThat(records.verify("token-zzzzz:secret", NOW)).isEmpty();
        assertThat(records.verify("token-abcde:secret", NOW.plusSeconds(60))).isEmpty();
        assertThat(records.verify("no-colon", NOW)).isEmpty();
    }

    @Test
    void anotherVersionOrGarbageIsRefusedWithAReason() {
        // given / when / then
        assertThatThrownBy(() -> TokenRecords.decode("{\"version\":2,\"tokens\":[]}")).hasMessageContaining("version 2");
        assertThatThrownBy(() -> TokenRecords.decode("not json")).hasMessageContaining("not valid token records");
    }
}
