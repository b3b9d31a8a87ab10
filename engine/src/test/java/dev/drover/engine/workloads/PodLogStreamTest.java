package dev.drover.engine.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.authproxy.Impersonation;
import dev.drover.engine.reconcile.DownstreamFixture;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A followed log against an API server TEST DOUBLE that never ends the log (a raw HTTP/1.1 socket server: the
 * fabric8 mock can only send whole bodies): lines arrive as written, and closing the stream closes the
 * downstream response, which the server notices when its next write fails.
 */
class PodLogStreamTest {

    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"shop","resourceVersion":"1"},\
            "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""";

    private ServerSocket listener;
    private KubernetesClient client;
    private final AtomicBoolean logConnectionClosed = new AtomicBoolean();
    private final List<String> logRequests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startEndlessApiServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + listener.getLocalPort()).withRequestRetryBackoffLimit(0).build()).build();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        listener.close();
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String path = in.readLine().split(" ")[1];
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                if (path.contains("/log") && header.toLowerCase().startsWith("impersonate-user:")) {
                    logRequests.add(path + " as " + header.substring(header.indexOf(':') + 1).strip());
                }
            }
            OutputStream out = socket.getOutputStream();
            if (path.contains("/log")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                try {
                    for (int n = 1; ; n++) {
                        byte[] line = ("line " + n + "\n").getBytes(StandardCharsets.US_ASCII);
                        out.write((Integer.toHexString(line.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(line);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(20);
                    }
                } catch (IOException | InterruptedException gone) {
                    logConnectionClosed.set(true);
                }
            } else if (path.contains("watch=true")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (in.read() >= 0) {
                    // held open until the client leaves
                }
            } else {
                String body = path.startsWith("/api/v1/namespaces/shop/pods/p") ? POD
                        : "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[" + POD + "]}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + bytes.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        }
    }

    @Test
    void closingAFollowedLogClosesTheDownstreamStream() {
        // given
        WorkloadActions actions = new WorkloadActions(new DownstreamFixture().with("c-1", client), Clock.systemUTC());
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicBoolean ended = new AtomicBoolean();
        PodLogStream stream = actions.followLog(Impersonation.localAdmin(), new WorkloadId("c-1", WorkloadKind.POD, "shop", "p"), "", 0, true,
                new PodLogStream.Sink() {
                    @Override
                    public void line(String line) {
                        lines.add(line);
                    }

                    @Override
                    public void end(WorkloadActionException failure) {
                        ended.set(failure == null);
                    }
                });
        await().atMost(Duration.ofSeconds(15)).until(() -> lines.size() >= 3);
        // when
        stream.close();
        // then
        await().atMost(Duration.ofSeconds(5)).untilTrue(logConnectionClosed);
        await().atMost(Duration.ofSeconds(5)).untilTrue(ended);
        assertThat(lines.subList(0, 3)).containsExactly("line 1", "line 2", "line 3");
        assertThat(logRequests).singleElement().asString().contains("follow=true").endsWith(" as admin");
        int seen = lines.size();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> lines.size() == seen);
    }
}
