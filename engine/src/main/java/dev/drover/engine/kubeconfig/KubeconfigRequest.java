package dev.drover.engine.kubeconfig;

import java.util.List;
import java.util.Objects;

/**
 * A kubeconfig to generate.
 *
 * @param serverUrl     the Drover server's base URL (proxy contexts point at
 *                      {@code <serverUrl>/k8s/clusters/<id>})
 * @param serverCaPem   the Drover server CA, or empty when its certificate is publicly trusted
 * @param username      the kubeconfig user entry's name
 * @param token         {@code token-xxxxx:secret}, used by every context
 * @param clusters      which clusters
 * @param proxyContexts include the proxy context per cluster
 * @param aceContexts   include direct contexts for clusters with ACE enabled
 */
public record KubeconfigRequest(String serverUrl, String serverCaPem, String username, String token,
                                List<ClusterAccess> clusters, boolean proxyContexts, boolean aceContexts) {
    public KubeconfigRequest {
        Objects.requireNonNull(serverUrl, "serverUrl");
        serverUrl = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        serverCaPem = serverCaPem == null ? "" : serverCaPem;
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(token, "token");
        clusters = List.copyOf(clusters);
        if (!proxyContexts && !aceContexts) {
            throw new IllegalArgumentException("Choose proxy contexts, ACE contexts or both.");
        }
    }

    @Override
    public String toString() {
        return "KubeconfigRequest[" + serverUrl + ", user=" + username + ", clusters=" + clusters.size() + "]";
    }
}
