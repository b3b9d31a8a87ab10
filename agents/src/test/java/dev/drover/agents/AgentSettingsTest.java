package dev.drover.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.tunnel.protocol.CaChecksum;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {

    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @Test
    void readsAValidEnvironment() {
        // given
        String checksum = CaChecksum.of(PEM).toUpperCase();
        // when
        AgentSettings settings = AgentSettings.fromEnvironment(Map.of(
                AgentSettings.SERVER, "https://drover.example:8443", AgentSettings.TOKEN, "abc:secret",
                AgentSettings.CA_CHECKSUM, " " + checksum + " "));
        // then
        assertThat(settings.server().getHost()).isEqualTo("drover.example");
        assertThat(settings.caChecksum()).isEqualTo(CaChecksum.of(PEM));
        assertThat(CaChecksum.matches(PEM, settings.caChecksum())).isTrue();
        assertThat(settings.toString()).doesNotContain("secret");
        assertThat(settings.eventLoopPoll()).isEqualTo(Duration.ofNanos(100_000));
    }

    @Test
    void theEventLoopPollIsMicroseconds() {
        // given
        String checksum = CaChecksum.of(PEM);
        // when
        AgentSettings settings = AgentSettings.fromEnvironment(Map.of(
                AgentSettings.SERVER, "https://drover.example:8443", AgentSettings.TOKEN, "abc:secret",
                AgentSettings.CA_CHECKSUM, checksum, AgentSettings.EVENT_LOOP_POLL, "0"));
        // then
        assertThat(settings.eventLoopPoll()).isZero();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of(AgentSettings.SERVER, "http://plain",
                        AgentSettings.EVENT_LOOP_POLL, "fast")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DROVER_EVENT_LOOP_POLL takes microseconds from 0 to 10000, got \"fast\".")
                .hasMessageContaining("must be an https:// URL")
                .hasMessageContaining("DROVER_TOKEN is not set")
                .hasMessageContaining("DROVER_CA_CHECKSUM must be the 64-digit hex");
    }

    @Test
    void checksumMismatchIsDetected() {
        assertThat(CaChecksum.matches(PEM, "0".repeat(64))).isFalse();
        assertThat(CaChecksum.matches(PEM + " ", CaChecksum.of(PEM))).isFalse();
        assertThat(CaChecksum.matches(PEM, null)).isFalse();
    }
}
