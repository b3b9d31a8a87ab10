package dev.drover.engine.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    @TempDir
    Path directory;

    @Test
    void issuesServerCertificatesWithSansSignedByAnEcdsaP256Ca() throws Exception {
        // given
        CertificateAuthority ca = CertificateAuthority.generate("test-ca", Duration.ofDays(1));
        // when
        IssuedCertificate server = ca.issueServer("server", List.of("localhost", "127.0.0.1", "drover.example"), Duration.ofDays(1));
        // then
        X509Certificate leaf = server.certificate();
        leaf.verify(ca.certificate().getPublicKey());
        assertThat(((ECPublicKey) ca.certificate().getPublicKey()).getParams().toString()).contains("secp256r1");
        assertThat(ca.certificate().getBasicConstraints()).isEqualTo(0);
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getSubjectAlternativeNames().stream().map(san -> (Object) san.get(1)).toList())
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "drover.example");
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
    }

    @Test
    void pemRoundTripsAndTheCaSurvivesARestart() {
        // given
        CertificateAuthority first = CertificateAuthority.loadOrCreate(directory, "drover-ca");
        // when
        CertificateAuthority again = CertificateAuthority.loadOrCreate(directory, "drover-ca");
        IssuedCertificate issued = again.issueServer("s", List.of("localhost"), Duration.ofHours(1));
        // then
        assertThat(again.certificatePem()).isEqualTo(first.certificatePem());
        assertThat(Pem.certificate(issued.certificatePem())).isEqualTo(issued.certificate());
        assertThat(Pem.privateKey(issued.keyPem())).isEqualTo(issued.key());
        assertThat(issued.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(issued.chainPem()).contains(first.certificatePem());
    }
}
