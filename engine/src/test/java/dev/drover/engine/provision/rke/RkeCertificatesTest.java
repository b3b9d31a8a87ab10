package dev.drover.engine.provision.rke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.pki.KeyAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every certificate checked with the machine's openssl, not with the code that made it. */
class RkeCertificatesTest {

    @TempDir
    Path directory;

    private static RkeClusterConfig config() {
        return ClusterYamlParser.parse("""
                nodes:
                  - {address: 203.0.113.11, internal_address: 10.0.0.11, hostname_override: cp-1, user: u, role: [etcd, controlplane]}
                  - {address: 203.0.113.12, user: u, role: [etcd]}
                  - {address: 203.0.113.13, user: u, role: [etcd, worker]}
                authentication: {sans: [api.example.com, 198.51.100.7]}
                """).config();
    }

    @Test
    void everyCertificateChainsToItsCaWithRkeSubjectsAndNames() throws Exception {
        // given
        Map<String, RkeCertificates.Entry> bundle = RkeCertificates.generate(config(), KeyAlgorithm.ECDSA_P256);
        bundle.values().forEach(this::write);
        // then: the set RKE makes
        assertThat(bundle.keySet()).contains("kube-ca", "kube-apiserver-requestheader-ca", "kube-apiserver", "kube-node", "kube-admin",
                "kube-controller-manager", "kube-scheduler", "kube-proxy", "kube-apiserver-proxy-client", "kube-service-account-token",
                "kube-etcd-10-0-0-11", "kube-etcd-203-0-113-12", "kube-etcd-203-0-113-13");
        for (String leaf : List.of("kube-apiserver", "kube-node", "kube-admin", "kube-controller-manager", "kube-scheduler", "kube-proxy",
                "kube-etcd-10-0-0-11")) {
            assertThat(openssl("verify", "-CAfile", pem("kube-ca"), pem(leaf))).as(leaf).contains(": OK");
        }
        assertThat(openssl("verify", "-CAfile", pem("kube-apiserver-requestheader-ca"), pem("kube-apiserver-proxy-client"))).contains(": OK");
        assertThat(openssl("x509", "-in", pem("kube-admin"), "-noout", "-subject")).contains("CN = kube-admin").contains("O = system:masters");
        assertThat(openssl("x509", "-in", pem("kube-node"), "-noout", "-subject")).contains("CN = system:node").contains("O = system:nodes");
        assertThat(openssl("x509", "-in", pem("kube-ca"), "-noout", "-subject")).contains("CN = kube-ca");
        String apiSans = openssl("x509", "-in", pem("kube-apiserver"), "-noout", "-ext", "subjectAltName");
        assertThat(apiSans).contains("IP Address:203.0.113.11", "IP Address:10.0.0.11", "DNS:cp-1", "DNS:api.example.com",
                "IP Address:198.51.100.7", "IP Address:127.0.0.1", "IP Address:10.43.0.1", "DNS:localhost", "DNS:kubernetes",
                "DNS:kubernetes.default", "DNS:kubernetes.default.svc", "DNS:kubernetes.default.svc.cluster.local");
        assertThat(apiSans).doesNotContain("203.0.113.12"); // an etcd-only host is no API server
        String etcdSans = openssl("x509", "-in", pem("kube-etcd-203-0-113-12"), "-noout", "-ext", "subjectAltName");
        assertThat(etcdSans).contains("IP Address:203.0.113.11", "IP Address:203.0.113.12", "IP Address:203.0.113.13", "IP Address:127.0.0.1");
        assertThat(openssl("x509", "-in", pem("kube-apiserver"), "-noout", "-text")).contains("id-ecPublicKey").contains("prime256v1")
                .contains("TLS Web Server Authentication");
        assertThat(openssl("pkey", "-in", key("kube-service-account-token"), "-noout", "-text")).contains("ASN1 OID: prime256v1");
    }

    @Test
    void rsaOnRequest() throws Exception {
        Map<String, RkeCertificates.Entry> bundle = RkeCertificates.generate(config(), KeyAlgorithm.RSA_2048);
        bundle.values().forEach(this::write);
        assertThat(openssl("x509", "-in", pem("kube-apiserver"), "-noout", "-text")).contains("rsaEncryption").contains("2048 bit");
        assertThat(openssl("verify", "-CAfile", pem("kube-ca"), pem("kube-apiserver"))).contains(": OK");
        assertThat(openssl("rsa", "-in", key("kube-admin"), "-check", "-noout")).contains("RSA key ok");
    }

    @Test
    void firstServiceIpIsTheNetworkPlusOne() {
        assertThat(RkeCertificates.firstServiceIp("10.43.0.0/16")).isEqualTo("10.43.0.1");
        assertThat(RkeCertificates.firstServiceIp("172.20.255.0/24")).isEqualTo("172.20.255.1");
    }

    private void write(RkeCertificates.Entry entry) {
        try {
            if (!entry.certificatePem().isEmpty()) {
                Files.writeString(directory.resolve(entry.name() + ".pem"), entry.certificatePem());
            }
            Files.writeString(directory.resolve(entry.name() + "-key.pem"), entry.keyPem());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String pem(String name) {
        return directory.resolve(name + ".pem").toString();
    }

    private String key(String name) {
        return directory.resolve(name + "-key.pem").toString();
    }

    static String openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("openssl %s: %s", String.join(" ", args), output).isZero();
        return output;
    }
}
