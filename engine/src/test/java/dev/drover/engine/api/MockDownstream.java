package dev.drover.engine.api;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
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

/**
 * Test double of a downstream API server: fabric8's mock server over HTTPS in CRUD mode, answering
 * {@code /version}, with one Ready control-plane node. Shared by the API contract's subclasses.
 */
public final class MockDownstream implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public MockDownstream() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, new KubernetesMixedDispatcher(expectations),
                true, new VersionInfo.Builder().withGitVersion("v1.32.4").withMajor("1").withMinor("32").build());
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("cp-1")
                .addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                .withNewNodeInfo().withKubeletVersion("v1.32.4").endNodeInfo()
                .addToAllocatable("cpu", new Quantity("4")).addToAllocatable("memory", new Quantity("8Gi"))
                .endStatus().build()).create();
    }

    /** The client of the mock itself, to arrange and inspect downstream objects. */
    public KubernetesClient client() {
        return client;
    }

    public void createNamespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }

    public String url() {
        return "https://localhost:" + server.getPort();
    }

    /** The self-signed certificate the mock serves, as the CA to trust. */
    public String certificatePem() {
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
