package dev.drover.server.fleet;

import dev.drover.engine.api.MockServerShutdown;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/** A fabric8 mock API server in CRUD mode with one Ready node, standing in for a downstream cluster. */
final class MockClusters implements AutoCloseable {

    final KubernetesMockServer server;
    final KubernetesClient client;
    private MockClusters(String version) {
        // the mixed dispatcher serves /version from the expectations and everything else from the CRUD store
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, new KubernetesMixedDispatcher(expectations), true,
                new VersionInfo.Builder().withGitVersion(version).withMajor("1").withMinor("31").build());
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addToAllocatable("cpu", new io.fabric8.kubernetes.api.model.Quantity("4"))
                .endStatus().build()).create();
    }

    /** HTTPS with a self-signed certificate for {@code localhost}, as API servers are. */
    static MockClusters tls(String version) {
        return new MockClusters(version);
    }

    String url() {
        return "https://localhost:" + server.getPort();
    }

    /** The self-signed certificate the HTTPS mock serves, as the CA to trust. */
    String certificatePem() {
        try {
            return Files.readString(Path.of(server.getSelfSignedCertificate().certificatePath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        MockServerShutdown.stop(server);
    }
}
