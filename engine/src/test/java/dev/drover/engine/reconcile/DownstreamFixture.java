package dev.drover.engine.reconcile;

import dev.drover.engine.downstream.ClusterUnreachableException;
import dev.drover.engine.downstream.DownstreamClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Downstream clients for tests: each cluster id maps to a fabric8 mock server's client. */
public final class DownstreamFixture implements DownstreamClients {

    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

    public DownstreamFixture with(String clusterId, KubernetesClient client) {
        clients.put(clusterId, client);
        return this;
    }

    public void remove(String clusterId) {
        clients.remove(clusterId);
    }

    @Override
    public KubernetesClient forCluster(String clusterId) {
        KubernetesClient client = clients.get(clusterId);
        if (client == null) {
            throw new ClusterUnreachableException("cluster " + clusterId + " is not reachable in this test");
        }
        return client;
    }
}
