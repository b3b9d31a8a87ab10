package dev.drover.engine.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.tunnel.protocol.TunnelEndpoints;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiAccessReportsTest {

    private final ApiAccessReports reports = new ApiAccessReports();

    @Test
    void anAcceptedAgentsReportIsKeptPerCluster() {
        // given
        TunnelAuthorizer accepting = reports.recording(headers -> Optional.of(new AgentIdentity("c-edge1", "")));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add(TunnelEndpoints.API_SERVER_HEADER, "https://10.43.0.1:443")
                .add(TunnelEndpoints.API_TOKEN_HEADER, "sa-token")
                .add(TunnelEndpoints.API_CA_HEADER, Base64.getEncoder().encodeToString("PEM".getBytes(StandardCharsets.US_ASCII)));
        // when
        accepting.authorize(headers);
        // then
        ApiAccess access = reports.find("c-edge1").orElseThrow();
        assertThat(access.target()).isEqualTo("10.43.0.1:443");
        assertThat(access.tls()).isTrue();
        assertThat(access.bearerToken()).isEqualTo("sa-token");
        assertThat(access.caCertPem()).isEqualTo("PEM");
        assertThat(access.toString()).doesNotContain("sa-token");
    }

    @Test
    void aRejectedAgentsReportIsNotReadAndMalformedReportsAreIgnored() {
        // given
        TunnelAuthorizer rejecting = reports.recording(headers -> Optional.empty());
        TunnelAuthorizer accepting = reports.recording(headers -> Optional.of(new AgentIdentity("c-ok001", "")));
        MultiMap good = MultiMap.caseInsensitiveMultiMap().add(TunnelEndpoints.API_SERVER_HEADER, "http://127.0.0.1:8080")
                .add(TunnelEndpoints.API_TOKEN_HEADER, "t");
        // when
        rejecting.authorize(good);
        accepting.authorize(MultiMap.caseInsensitiveMultiMap().add(TunnelEndpoints.API_SERVER_HEADER, "ftp://x")
                .add(TunnelEndpoints.API_TOKEN_HEADER, "t"));
        // then
        assertThat(reports.find("c-ok001")).isEmpty();
        assertThat(ApiAccessReports.parse(MultiMap.caseInsensitiveMultiMap().add(TunnelEndpoints.API_SERVER_HEADER, "https://h:6443")
                .add(TunnelEndpoints.API_TOKEN_HEADER, "with space"))).isEmpty();
        assertThat(ApiAccessReports.parse(good)).hasValueSatisfying(a -> assertThat(a.target()).isEqualTo("127.0.0.1:8080"));
    }
}
