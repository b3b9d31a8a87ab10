package dev.drover.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the packaging profile built, used as a user would: the app-image launcher, the .deb unpacked with
 * {@code dpkg-deb -x} (packaged {@code drover --version}, and {@code drover server} answering its health
 * check over TLS pinned to the fingerprint it printed), and the .rpm's contents and scripts.
 */
class PackagedLauncherIT {

    private static final Path BUILT = Path.of(System.getProperty("drover.package.dir", "target"));

    @TempDir
    Path directory;

    @Test
    void theAppImageLauncherPrintsItsVersion() throws Exception {
        // when
        Result result = run(BUILT.resolve("app-image/drover/bin/drover"), "--version");
        // then
        assertThat(result.code).as(result.output).isZero();
        assertThat(result.output).startsWith("drover 0.1.0").contains("Java 25");
    }

    @Test
    void theDebUnpacksWithAMenuEntryAndItsDroverRunsTheServer() throws Exception {
        // given: the .deb unpacked as dpkg would lay it out
        Path deb = installer(".deb");
        Path root = directory.resolve("root");
        assertThat(run(Path.of("dpkg-deb"), "-x", deb.toString(), root.toString()).code).isZero();
        Path control = directory.resolve("control");
        assertThat(run(Path.of("dpkg-deb"), "-e", deb.toString(), control.toString()).code).isZero();
        Path drover = root.resolve("opt/drover/bin/drover");
        // then: desktop entry with the icon, and `drover` put on the PATH by postinst
        assertThat(root.resolve("opt/drover/lib/drover-drover.desktop")).content().contains("Exec=/opt/drover/bin/drover console %f", "Icon=/opt/drover/lib/drover.png");
        // and the cluster.yml association: the desktop entry takes the mime type, whose globs postinst installs
        assertThat(root.resolve("opt/drover/lib/drover-drover.desktop")).content().contains("MimeType=application/x-drover-cluster-yml");
        assertThat(root.resolve("opt/drover/lib/drover-drover-MimeInfo.xml")).content()
                .contains("type=\"application/x-drover-cluster-yml\"", "<glob pattern=\"*.rkecluster.yml\">");
        assertThat(control.resolve("postinst")).content().contains("xdg-mime install /opt/drover/lib/drover-drover-MimeInfo.xml");
        Path ourIcon = BUILT.toAbsolutePath().getParent().getParent().resolve("resources/icons/drover.png");
        assertThat(Files.mismatch(root.resolve("opt/drover/lib/drover.png"), ourIcon)).as("Drover's icon, not jpackage's default").isEqualTo(-1L);
        assertThat(control.resolve("postinst")).content().contains("ln -sf /opt/drover/bin/drover /usr/bin/drover", "xdg-desktop-menu install");
        assertThat(control.resolve("prerm")).content().contains("rm -f /usr/bin/drover");

        // when / then: the packaged launcher
        Result version = run(drover, "--version");
        assertThat(version.code).as(version.output).isZero();
        assertThat(version.output).startsWith("drover 0.1.0");

        // when: the packaged server starts headless
        Process server = new ProcessBuilder(drover.toString(), "server", "--port", "0", "--data-dir", directory.resolve("data").toString(),
                "--hostname", "localhost").redirectErrorStream(true).start();
        List<String> lines = collect(server);
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> after(lines, "CA fingerprint") != null || !server.isAlive());
            assertThat(server.isAlive()).as(String.join("\n", lines)).isTrue();
            URI url = URI.create(after(lines, "Drover server at "));
            String fingerprint = after(lines, "CA fingerprint (consoles pin it; agents' DROVER_CA_CHECKSUM): ");
            // then: health answers over TLS trusting only the CA with the printed fingerprint
            HttpResponse<String> health = HttpClient.newBuilder().sslContext(trusting(caPem(url, fingerprint))).build()
                    .send(HttpRequest.newBuilder(url.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("server stops on SIGTERM").isTrue();
        }
    }

    @Test
    void theRpmHoldsTheSameLauncherAndLinksItOntoThePath() throws Exception {
        Assumptions.assumeTrue(System.getProperty("drover.package.types", "").contains("rpm"), "rpm not among the package types");
        Path rpm = installer(".rpm");
        Result files = run(Path.of("rpm"), "-qlp", rpm.toString());
        assertThat(files.output).contains("/opt/drover/bin/drover", "/opt/drover/lib/drover-drover.desktop", "/opt/drover/lib/app/drover-cli-",
                "/opt/drover/lib/drover-drover-MimeInfo.xml");
        Result scripts = run(Path.of("rpm"), "-qp", "--scripts", rpm.toString());
        assertThat(scripts.output).contains("ln -sf /opt/drover/bin/drover /usr/bin/drover", "xdg-desktop-menu install", "xdg-mime install");
    }

    private record Result(int code, String output) {
    }

    private static Result run(Path command, String... args) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>(List.of(command.toString()));
        line.addAll(List.of(args));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static Path installer(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(BUILT.resolve("installers"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + suffix + " in " + BUILT.resolve("installers")));
        }
    }

    private static List<String> collect(Process process) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = reader.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        return lines;
    }

    private static String after(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().map(l -> l.substring(prefix.length()).strip()).orElse(null);
    }

    /** The CA as agents fetch it (unverified), accepted only when its SHA-256 is the printed fingerprint. */
    private static String caPem(URI url, String fingerprint) throws Exception {
        SSLContext any = SSLContext.getInstance("TLS");
        any.init(null, new TrustManager[] {new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        String pem = HttpClient.newBuilder().sslContext(any).build()
                .send(HttpRequest.newBuilder(url.resolve("/cacerts")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pem.getBytes(StandardCharsets.UTF_8)));
        assertThat(sha).isEqualToIgnoringCase(fingerprint);
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
