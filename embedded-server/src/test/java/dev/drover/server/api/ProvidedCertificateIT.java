package dev.drover.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.api.CaPin;
import dev.drover.engine.api.Credentials;
import dev.drover.engine.api.RemoteManagementApi;
import dev.drover.engine.pki.CertificateAuthority;
import dev.drover.engine.pki.IssuedCertificate;
import dev.drover.server.DroverServer;
import dev.drover.server.ServerConfig;
import dev.drover.tunnel.protocol.CaChecksum;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's own certificate instead of the generated CA: served, pinned, trusted. */
class ProvidedCertificateIT {

    @TempDir
    Path directory;

    @Test
    void theProvidedChainIsServedAndItsCaIsWhatConsolesPin() throws Exception {
        // given: the operator's CA and a server certificate it issued
        CertificateAuthority corporate = CertificateAuthority.generate("corporate-ca", Duration.ofDays(1));
        IssuedCertificate issued = corporate.issueServer("drover.corp", List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
        Path chain = Files.writeString(directory.resolve("chain.pem"), issued.chainPem());
        Path key = Files.writeString(directory.resolve("key.pem"), issued.keyPem());
        Path ca = Files.writeString(directory.resolve("ca.pem"), corporate.certificatePem());
        // when
        try (DroverServer server = DroverServer.start(ServerConfig.defaults(0, directory.resolve("data"))
                .withTls(new ServerConfig.TlsFiles(chain, key, ca)))) {
            String password = ServerHarness.password(server);
            // then
            assertThat(server.caChecksum()).isEqualTo(CaChecksum.of(corporate.certificatePem()));
            assertThat(directory.resolve("data/pki")).doesNotExist();
            try (RemoteManagementApi console = RemoteManagementApi.connect(URI.create(server.url()),
                    CaPin.fingerprint(CaChecksum.of(corporate.certificatePem())), Credentials.password("admin", password.toCharArray()))) {
                assertThat(console.listClusters().get()).isEmpty();
            }
        }
    }
}
