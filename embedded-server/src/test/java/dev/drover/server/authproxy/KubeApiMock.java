package dev.drover.server.authproxy;

import dev.drover.engine.api.MockServerShutdown;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A downstream API server kubectl can talk to: fabric8's mock in CRUD mode, plus the discovery documents
 * kubectl asks for first ({@code /version}, {@code /api}, {@code /apis}, {@code /api/v1},
 * {@code /apis/apps/v1}). Records every request's headers so tests can see what the proxy sent.
 * Plain HTTP on loopback.
 */
final class KubeApiMock implements AutoCloseable {

    /** One request as the API server received it. */
    record Received(String method, String path, Map<String, List<String>> headers) {
        List<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }
    }

    final KubernetesMockServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();

    KubeApiMock() {
        KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                received.add(new Received(request.getMethod(), request.getPath(), request.getHeaders().toMultimap()));
                String path = request.getPath().split("\\?")[0];
                String discovery = DISCOVERY.get(path);
                if (discovery != null && "GET".equals(request.getMethod())) {
                    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(discovery);
                }
                if (path.startsWith("/openapi")) {
                    // no schema to offer (the tests run kubectl with --validate=false)
                    return new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json")
                            .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
                }
                return crud.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
    }

    /** {@code host:port}, what an agent must be allowed to dial. */
    String target() {
        return "127.0.0.1:" + server.getPort();
    }

    String url() {
        return "http://" + target();
    }

    /** Requests whose path starts with {@code prefix}. */
    List<Received> requestsTo(String prefix) {
        return received.stream().filter(r -> r.path().startsWith(prefix)).toList();
    }

    @Override
    public void close() {
        MockServerShutdown.stop(server);
    }

    private static String resources(String groupVersion, String... entries) {
        StringBuilder out = new StringBuilder("{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"")
                .append(groupVersion).append("\",\"resources\":[");
        for (int i = 0; i < entries.length; i++) {
            String[] parts = entries[i].split(":");
            out.append(i == 0 ? "" : ",").append("{\"name\":\"").append(parts[0]).append("\",\"singularName\":\"")
                    .append(parts[1]).append("\",\"namespaced\":").append(parts[2]).append(",\"kind\":\"").append(parts[3])
                    .append("\",\"shortNames\":[").append(parts.length > 4 ? "\"" + parts[4] + "\"" : "")
                    .append("],\"verbs\":[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]}");
        }
        return out.append("]}").toString();
    }

    private static final Map<String, String> DISCOVERY = Map.of(
            "/version", "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.4\",\"platform\":\"linux/amd64\"}",
            "/api", "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
                    + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:6443\"}]}",
            "/apis", "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"apps\",\"versions\":"
                    + "[{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}],\"preferredVersion\":{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}}]}",
            "/api/v1", resources("v1", "namespaces:namespace:false:Namespace:ns", "pods:pod:true:Pod:po",
                    "configmaps:configmap:true:ConfigMap:cm", "services:service:true:Service:svc", "secrets:secret:true:Secret"),
            "/apis/apps/v1", resources("apps/v1", "deployments:deployment:true:Deployment:deploy",
                    "replicasets:replicaset:true:ReplicaSet:rs"));
}
