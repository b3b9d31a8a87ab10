package dev.drover.engine.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.pki.CertificateAuthority;
import dev.drover.engine.pki.CertificateRequest;
import dev.drover.engine.pki.IssuedCertificate;
import dev.drover.engine.pki.KeyAlgorithm;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --etcd-cacert/--etcd-cert/--etcd-key}: a real etcd that serves HTTPS and requires client
 * certificates, with certificates from Drover's own PKI code.
 */
class EtcdTlsTest {

    @TempDir
    static Path directory;

    private static EtcdCluster etcd;
    private static Path ca;
    private static Path clientCert;
    private static Path clientKey;

    @BeforeAll
    static void startEtcdWithTls() throws IOException {
        CertificateAuthority authority = CertificateAuthority.generate("etcd-test-ca", Duration.ofDays(1));
        IssuedCertificate server = authority.issue(new CertificateRequest("etcd", List.of(), List.of("127.0.0.1", "localhost"),
                true, true, KeyAlgorithm.ECDSA_P256, Duration.ofDays(1)));
        IssuedCertificate client = authority.issue(CertificateRequest.client("drover", List.of(), KeyAlgorithm.ECDSA_P256,
                Duration.ofDays(1)));
        ca = Files.writeString(directory.resolve("ca.pem"), authority.certificatePem());
        Path serverCert = Files.writeString(directory.resolve("server.pem"), server.certificatePem());
        Path serverKey = Files.writeString(directory.resolve("server-key.pem"), server.keyPem());
        clientCert = Files.writeString(directory.resolve("client.pem"), client.certificatePem());
        clientKey = Files.writeString(directory.resolve("client-key.pem"), client.keyPem());
        etcd = EtcdCluster.start(1, new EtcdCluster.TlsFiles(ca, serverCert, serverKey));
    }

    @AfterAll
    static void stopEtcd() {
        etcd.close();
    }

    @Test
    void withTheCaAndAClientCertificateTheStoreWorks() {
        // given: the endpoints as the server's --store option gives them, with TLS on
        String port = String.valueOf(etcd.clientUrls().getFirst().getPort());
        EtcdOptions options = EtcdOptions.of(EtcdOptions.parseEndpoints("etcd://127.0.0.1:" + port, true))
                .withTls(ca, clientCert, clientKey);

        // when
        try (EtcdResourceStore store = EtcdResourceStore.open(options)) {
            var created = store.create(ObjectKey.of("Widget", "over-tls"), Map.of("tls", "yes"), "{}");

            // then
            assertThat(store.get(ObjectKey.of("Widget", "over-tls"))).contains(created);
        }
    }

    @Test
    void withoutAClientCertificateEtcdRefusesAndTheStoreSaysSo() {
        EtcdOptions options = EtcdOptions.of(etcd.clientUrls()).withTls(ca, null, null).withRequestTimeout(Duration.ofSeconds(3));

        assertThatThrownBy(() -> EtcdResourceStore.open(options)).isInstanceOf(StoreException.class)
                .hasMessageContaining("etcd at");
    }
}
