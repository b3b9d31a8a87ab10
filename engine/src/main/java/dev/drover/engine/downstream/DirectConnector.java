package dev.drover.engine.downstream;

import dev.drover.engine.model.Cluster;
import io.fabric8.kubernetes.client.http.HttpClient;

/**
 * Reaches clusters at their API endpoint with the credential saved for them: {@code DIRECT} clusters
 * (a token) and {@code RKE} clusters Drover provisioned (kube-admin's client certificate).
 */
public final class DirectConnector implements ClusterConnector {

    private final DownstreamCredentials credentials;
    private final HttpClient.Factory httpClients;

    public DirectConnector(DownstreamCredentials credentials, HttpClient.Factory httpClients) {
        this.credentials = credentials;
        this.httpClients = httpClients;
    }

    @Override
    public DownstreamConnection open(Cluster cluster) {
        DownstreamCredential credential = credentials.find(cluster.id()).orElseThrow(() -> new ClusterUnreachableException(
                cluster.type() == Cluster.Type.RKE
                        ? "Drover has no credential for RKE cluster " + cluster.displayName() + ": provision it again to store kube-admin's."
                        : "Drover has no credential for direct cluster " + cluster.displayName() + ": register it again with a token."));
        return new DownstreamConnection(KubernetesConfigs.client(httpClients, cluster.apiEndpoint(), credential), () -> { });
    }
}
