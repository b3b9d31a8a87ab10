package dev.drover.engine.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.pki.CertificateAuthority;
import dev.drover.engine.pki.CertificateRequest;
import dev.drover.engine.pki.KeyAlgorithm;
import io.fabric8.kubernetes.client.Config;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KubernetesConfigsTest {

    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }

    @Test
    void aClientCertificateCredentialPresentsTheCertificateAndKeyAndTrustsItsCa() {
        // given: kube-admin's ECDSA certificate, as RKE issues it
        CertificateAuthority ca = CertificateAuthority.generate(new org.bouncycastle.asn1.x500.X500Name("CN=kube-ca"),
                java.time.Duration.ofDays(1), KeyAlgorithm.ECDSA_P256);
        var admin = ca.issue(CertificateRequest.client("kube-admin", java.util.List.of("system:masters"), KeyAlgorithm.ECDSA_P256,
                java.time.Duration.ofDays(1)));
        DownstreamCredential credential = DownstreamCredential.clientCertificate(admin.certificatePem(), admin.keyPem(), ca.certificatePem());
        // when
        Config config = KubernetesConfigs.config("https://10.0.0.1:6443", credential);
        // then
        assertThat(decoded(config.getClientCertData())).isEqualTo(admin.certificatePem());
        assertThat(decoded(config.getClientKeyData())).isEqualTo(admin.keyPem());
        assertThat(config.getClientKeyAlgo()).isEqualTo("EC");
        assertThat(decoded(config.getCaCertData())).isEqualTo(ca.certificatePem());
        assertThat(config.getOauthTokenProvider()).isNull();
    }

    @Test
    void aTokenCredentialSendsTheTokenAndNoCertificate() {
        // when
        Config config = KubernetesConfigs.config("https://10.0.0.1:6443", new DownstreamCredential("a-token", ""));
        // then
        assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("a-token");
        assertThat(config.getClientCertData()).isNull();
        assertThat(config.getCaCertData()).isNull();
    }
}
