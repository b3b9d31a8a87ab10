package dev.drover.engine.store.etcd;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A real etcd cluster of separate {@code etcd} processes (Debian's etcd-server) on loopback ports with
 * temporary data directories, for tests and benchmarks. Members can be killed with SIGKILL and started
 * again on the same data, which is how the fault tests take quorum away and give it back.
 *
 * <p>Elections are tuned short (50 ms heartbeat, 500 ms election timeout) so a lost leader is replaced
 * in about a second instead of the production default's few seconds; everything else is stock etcd.
 */
public final class EtcdCluster implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(30);

    /** PEM files for client TLS: the CA clients must trust (and that signs client certificates), the server's pair. */
    public record TlsFiles(Path ca, Path certificate, Path key) {
    }

    private final Path root;
    private final List<Member> members;
    private final TlsFiles tls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Thread reaper = new Thread(this::killAll, "etcd-cluster-reaper");

    private EtcdCluster(Path root, List<Member> members, TlsFiles tls) {
        this.root = root;
        this.members = members;
        this.tls = tls;
        // etcd outlives a JVM that exits without close() (a crashed harness, a killed fork): take it along
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    private void killAll() {
        for (Member member : members) {
            Process process = member.process;
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    /** Starts {@code size} members and waits until every one reports healthy. */
    public static EtcdCluster start(int size) {
        return start(size, null);
    }

    /**
     * Starts {@code size} members whose client URLs speak HTTPS with {@code tls} and require a client
     * certificate signed by its CA (peers stay on plain loopback HTTP).
     */
    public static EtcdCluster start(int size, TlsFiles tls) {
        try {
            Path root = Files.createTempDirectory("drover-etcd-");
            List<Member> members = IntStream.range(0, size)
                    .mapToObj(i -> new Member("m" + i, root.resolve("m" + i), freePort(), freePort(), tls != null))
                    .toList();
            EtcdCluster cluster = new EtcdCluster(root, members, tls);
            members.forEach(member -> cluster.launch(member, "new"));
            for (int i = 0; i < size; i++) {
                cluster.awaitHealthy(i);
            }
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:port} of every member, in member order. */
    public List<URI> clientUrls() {
        return members.stream().map(Member::clientUrl).toList();
    }

    /** The endpoints as {@code drover server --store} takes them: {@code etcd://127.0.0.1:p1,127.0.0.1:p2,…}. */
    public String storeUrl() {
        return "etcd://" + members.stream().map(m -> "127.0.0.1:" + m.clientPort).collect(Collectors.joining(","));
    }

    public int size() {
        return members.size();
    }

    /** SIGKILLs one member (no chance to step down or flush). */
    public void kill(int index) {
        Process process = members.get(index).process;
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts a killed member again on its data directory and waits until it is healthy. */
    public void restart(int index) {
        launch(members.get(index), "existing");
        awaitHealthy(index);
    }

    /** Starts a killed member again without waiting: health needs quorum, which it may be what brings back. */
    public void restartWithoutWaiting(int index) {
        launch(members.get(index), "existing");
    }

    /** Waits until member {@code index} answers {@code /health} with true (which needs a quorum). */
    public void awaitHealthy(int index) {
        Member member = members.get(index);
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(100))
                .until(() -> healthy(member));
    }

    public boolean isRunning(int index) {
        Process process = members.get(index).process;
        return process != null && process.isAlive();
    }

    private boolean healthy(Member member) {
        if (member.process == null || !member.process.isAlive()) {
            throw new IllegalStateException("etcd member " + member.name + " exited; see " + member.log());
        }
        if (tls != null) {
            // /health needs a client certificate too; a listening port is enough for the tests' own retries
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", member.clientPort)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(member.clientUrl().resolve("/health"))
                    .timeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void launch(Member member, String state) {
        String initialCluster = members.stream()
                .map(m -> m.name + "=" + m.peerUrl())
                .collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of("etcd",
                "--name", member.name,
                "--data-dir", member.dataDir.toString(),
                "--listen-client-urls", member.clientUrl().toString(),
                "--advertise-client-urls", member.clientUrl().toString(),
                "--listen-peer-urls", member.peerUrl().toString(),
                "--initial-advertise-peer-urls", member.peerUrl().toString(),
                "--initial-cluster", initialCluster,
                "--initial-cluster-state", state,
                "--initial-cluster-token", root.getFileName().toString(),
                "--heartbeat-interval", "50",
                "--election-timeout", "500",
                "--logger", "zap",
                "--log-level", "warn"));
        if (tls != null) {
            command.addAll(List.of("--cert-file", tls.certificate().toString(), "--key-file", tls.key().toString(),
                    "--client-cert-auth", "--trusted-ca-file", tls.ca().toString()));
        }
        try {
            Files.createDirectories(member.dataDir.getParent());
            member.process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(member.log().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start etcd (is the etcd-server package installed?)", e);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < members.size(); i++) {
            kill(i);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left to do
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Member {
        final String name;
        final Path dataDir;
        final int clientPort;
        final int peerPort;
        final boolean https;
        volatile Process process;

        Member(String name, Path dataDir, int clientPort, int peerPort, boolean https) {
            this.name = name;
            this.dataDir = dataDir;
            this.clientPort = clientPort;
            this.peerPort = peerPort;
            this.https = https;
        }

        URI clientUrl() {
            return URI.create((https ? "https" : "http") + "://127.0.0.1:" + clientPort);
        }

        URI peerUrl() {
            return URI.create("http://127.0.0.1:" + peerPort);
        }

        Path log() {
            return dataDir.resolveSibling(name + ".log");
        }
    }
}
