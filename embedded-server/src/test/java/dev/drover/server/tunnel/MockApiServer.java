package dev.drover.server.tunnel;

import dev.drover.engine.api.MockServerShutdown;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

/** fabric8's mock API server in CRUD mode on loopback (plain HTTP), and a kubeconfig that names it. */
final class MockApiServer implements AutoCloseable {

    final KubernetesMockServer server;

    MockApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
    }

    /** What agents must be allowed to dial. */
    String target() {
        return "127.0.0.1:" + server.getPort();
    }

    Path writeKubeconfig(Path directory) throws IOException {
        Path file = directory.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                current-context: mock
                contexts:
                  - name: mock
                    context: {cluster: mock, user: mock}
                clusters:
                  - name: mock
                    cluster: {server: "http://%s"}
                users:
                  - name: mock
                    user: {token: mock}
                """.formatted(target()));
        return file;
    }

    @Override
    public void close() {
        MockServerShutdown.stop(server);
    }
}
