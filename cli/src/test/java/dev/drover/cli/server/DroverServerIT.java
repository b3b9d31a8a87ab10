package dev.drover.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.cli.CliRun;
import dev.drover.cli.ExitCodes;
import dev.drover.cli.kubeconfig.ExportCommand;
import dev.drover.engine.api.CaPin;
import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.Credentials;
import dev.drover.engine.api.NewCluster;
import dev.drover.engine.api.RemoteManagementApi;
import dev.drover.tunnel.protocol.CaChecksum;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `drover server` for real, as its own JVM from the packaged jars; health over TLS pinned to the printed CA. */
class DroverServerIT {

    @TempDir
    Path directory;

    @Test
    void serverStartsAnswersHealthOverPinnedTlsExportsAndStopsOnSigterm() throws Exception {
        try (DroverProcess server = DroverProcess.start(null, "server", "--port", "0", "--data-dir", directory.resolve("data").toString(),
                "--hostname", "localhost")) {
            // given: the server printed its URL, CA fingerprint and first-start password
            await().atMost(Duration.ofSeconds(90)).until(() -> server.after("First start: log in as admin with password ") != null
                    || !server.process.isAlive());
            assertThat(server.process.isAlive()).as(server.output()).isTrue();
            URI url = URI.create(server.after("Drover server at "));
            String fingerprint = server.after("CA fingerprint (consoles pin it; agents' DROVER_CA_CHECKSUM): ");
            String password = server.after("First start: log in as admin with password ").split(" ")[0];

            // when / then: health answers over TLS trusting only the CA whose fingerprint was printed
            HttpClient pinned = HttpClient.newBuilder().sslContext(trusting(caPem(url, fingerprint))).build();
            HttpResponse<String> health = pinned.send(HttpRequest.newBuilder(url.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            // export with nothing to export is one sentence
            Path output = directory.resolve("kube/config");
            Path vault = directory.resolve("vault");
            CliRun withPassword = new CliRun().with(ExportCommand.class, () -> new ExportCommand(Map.of("DROVER_PASSWORD", password)));
            String[] export = {"kubeconfig", "export", "--server", url.toString(), "--fingerprint", fingerprint, "--user", "admin",
                    "-o", output.toString(), "--vault", vault.toString()};
            CliRun.Result empty = withPassword.run(export);
            assertThat(empty.code()).as(empty.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(empty.err()).isEqualTo("drover: The server has no clusters you may see: nothing to export.\n");

            // a wrong password is refused with its own exit code
            CliRun.Result refused = new CliRun().with(ExportCommand.class, () -> new ExportCommand(Map.of("DROVER_PASSWORD", "wrong"))).run(export);
            assertThat(refused.code()).as(refused.err()).isEqualTo(ExitCodes.NO_PERMISSION);

            // with a cluster, export writes a kubeconfig kubectl reads (0600) and keeps a vault copy
            String clusterId;
            try (RemoteManagementApi api = RemoteManagementApi.connect(url, CaPin.fingerprint(fingerprint), Credentials.password("admin", password.toCharArray()))) {
                clusterId = api.createCluster(new NewCluster("prod", ClusterKind.IMPORTED, "")).get(30, TimeUnit.SECONDS).id();
            }
            String token = login(pinned, url, password);
            CliRun withToken = new CliRun().with(ExportCommand.class, () -> new ExportCommand(Map.of("DROVER_API_TOKEN", token)));
            CliRun.Result exported = withToken.run("kubeconfig", "export", "--server", url.toString(), "--fingerprint", fingerprint,
                    "--contexts", "proxy", "-o", output.toString(), "--vault", vault.toString());
            assertThat(exported.code()).as(exported.err()).isZero();
            assertThat(exported.out()).startsWith("Wrote " + output + " (0600); vault copy " + vault);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(output))).isEqualTo("rw-------");
            assertThat(Files.readString(output)).contains(url.resolve("/k8s/clusters/" + clusterId).toString().replace("//k8s", "/k8s"));
            try (var files = Files.list(vault)) {
                assertThat(files).hasSize(1);
            }

            // when: SIGTERM (what systemd and Ctrl-C's neighbour send)
            server.process.destroy();
            // then: it stops
            assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anAgentWithoutItsEnvironmentExitsTwoWithOneSentence() throws Exception {
        try (DroverProcess agent = DroverProcess.start(Map.of("PATH", System.getenv().getOrDefault("PATH", "")), "agent", "cluster")) {
            assertThat(agent.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(agent.process.exitValue()).isEqualTo(ExitCodes.USAGE);
            await().atMost(Duration.ofSeconds(5)).until(() -> agent.output().contains("drover agent:"));
            assertThat(agent.output()).contains("DROVER_SERVER").doesNotContain("\tat ");
        }
    }

    private static String login(HttpClient client, URI url, String password) throws Exception {
        String body = "{\"provider\":\"local\",\"username\":\"admin\",\"password\":\"" + password + "\"}";
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(url.resolve("/v3/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    /** The CA as agents get it: over an unverified connection, then checked against the printed fingerprint. */
    private static String caPem(URI url, String fingerprint) throws Exception {
        SSLContext any = SSLContext.getInstance("TLS");
        any.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }
            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }
            public java.security.cert.X509Certificate[] getAcceptedIssuers() { return new java.security.cert.X509Certificate[0]; }
        }}, null);
        String pem = HttpClient.newBuilder().sslContext(any).build()
                .send(HttpRequest.newBuilder(url.resolve("/cacerts")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(CaChecksum.matches(pem, fingerprint)).isTrue();
        return pem;
    }

    private static SSLContext trusting(String pem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            trust.setCertificateEntry("ca-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
