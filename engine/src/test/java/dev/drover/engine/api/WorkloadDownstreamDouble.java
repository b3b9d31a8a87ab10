package dev.drover.engine.api;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * TEST DOUBLE for a downstream cluster: fabric8's mock API server (HTTPS, CRUD store) seeded with namespace
 * {@code shop}, deployment {@code web} (2 replicas) and its two pods, and deployment {@code guarded}, whose
 * changes it refuses with 403 to any impersonated user, as a cluster's RBAC would. It records every request that is not a plain read
 * (with its headers), and serves {@value #LOG_LINES}-line logs for every pod.
 */
public final class WorkloadDownstreamDouble implements AutoCloseable {

    public static final int LOG_LINES = 3;

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();

    public WorkloadDownstreamDouble() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, new Recording(expectations), true);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).create();
        client.apps().deployments().inNamespace("shop").resource(deployment("web", 2)).create();
        client.apps().deployments().inNamespace("shop").resource(deployment("guarded", 1)).create();
        for (String suffix : List.of("aaaaa", "bbbbb")) {
            client.pods().inNamespace("shop").resource(pod("web-5d8f9-" + suffix)).create();
        }
    }

    private static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName(name).withImage("nginx:1.27").endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReadyReplicas(replicas).withUpdatedReplicas(replicas).endStatus().build();
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("shop").addToLabels("pod-template-hash", "5d8f9")
                .addNewOwnerReference().withKind("ReplicaSet").withName("web-5d8f9").withApiVersion("apps/v1").withUid("rs-1").endOwnerReference()
                .endMetadata().withNewSpec().withNodeName("node-1").addNewContainer().withName("web").withImage("nginx:1.27").endContainer()
                .endSpec().withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build();
    }

    /** Records, refuses changes to {@code guarded}, serves logs; everything else is the CRUD store's. */
    private final class Recording extends KubernetesMixedDispatcher {
        Recording(Map<ServerRequest, Queue<ServerResponse>> expectations) {
            super(expectations);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            if (!"GET".equals(request.getMethod()) || path.contains("/log")) {
                recorded.add(request);
            }
            // only users are refused: the double's own client (no impersonation) arranges the scene
            if (path.contains("/deployments/guarded") && !"GET".equals(request.getMethod()) && request.getHeader("Impersonate-User") != null) {
                return new MockResponse().setResponseCode(403).setHeader("Content-Type", "application/json").setBody("""
                        {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,\
                        "message":"deployments.apps \\"guarded\\" is forbidden: User \\"%s\\" cannot change it"}"""
                        .formatted(request.getHeader("Impersonate-User")));
            }
            if (path.matches("/api/v1/namespaces/[^/]+/pods/[^/?]+/log.*")) {
                StringBuilder body = new StringBuilder();
                for (int i = 1; i <= LOG_LINES; i++) {
                    body.append("line ").append(i).append('\n');
                }
                return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(body.toString());
            }
            return super.dispatch(request);
        }
    }

    /** Drover's view of this cluster, for {@code createCluster}. */
    public NewCluster asDirectCluster(String displayName) {
        return new NewCluster(displayName, ClusterKind.DIRECT, "https://localhost:" + server.getPort(),
                new DirectCredential("drover-downstream-token", certificatePem()));
    }

    private String certificatePem() {
        try {
            return Files.readString(Path.of(server.getSelfSignedCertificate().certificatePath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client with full access to the mock, to arrange and check its objects. */
    public KubernetesClient client() {
        return client;
    }

    /** Requests other than plain reads, in arrival order. */
    public List<RecordedRequest> changes() {
        return List.copyOf(recorded);
    }

    /**
     * Stops the double once every client has let go of it. Call after the engine forgot the cluster (deleted it, or
     * stopped): the mock's shutdown gives its connections 10 s, and with the engine's watches still open it once ran
     * out of that (CI, {@code Unable to close MockWebServer}).
     */
    @Override
    public void close() {
        client.close();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> establishedConnections() == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(establishedConnections() + " connection(s) to the downstream double are still open 20 s after"
                    + " the test let go of it: delete the cluster or stop the engine before closing the double", e);
        } finally {
            MockServerShutdown.stop(server);
        }
    }

    /**
     * Connections accepted by the double and not closed, as the kernel sees them: the mock's own connection listener
     * misses the close of a connection that was upgraded to a WebSocket (a watch).
     */
    private long establishedConnections() {
        String localPort = String.format(Locale.ROOT, ":%04X", server.getPort());
        long established = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            // columns: slot, local address:port (hex), remote address:port, state (01 = ESTABLISHED), …
            established += readLines(table).stream().skip(1).map(line -> line.strip().split("\\s+"))
                    .filter(columns -> columns[1].endsWith(localPort) && columns[3].equals("01")).count();
        }
        return established;
    }

    private static List<String> readLines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
