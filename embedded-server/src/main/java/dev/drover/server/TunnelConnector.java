package dev.drover.server;

import dev.drover.engine.downstream.ClusterConnector;
import dev.drover.engine.downstream.ClusterUnreachableException;
import dev.drover.engine.downstream.DownstreamConnection;
import dev.drover.engine.downstream.KubernetesConfigs;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.tunnel.AgentPresence;
import dev.drover.engine.tunnel.ApiAccess;
import dev.drover.engine.tunnel.Dialer;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.vertx.core.Vertx;

/**
 * Reaches agent clusters through their tunnel: a {@link TunnelPortForwarder} on loopback per cluster,
 * and a fabric8 client on it that speaks TLS end to end with the cluster's API server (trusting the CA
 * the agent reported, checking the certificate against the API server's own name) and authenticates
 * with the token the agent reported — read on every request, so a token the agent reports anew on
 * reconnecting is used at once. On replicas (issue #9) the agent may be connected to another replica:
 * {@link AgentPresence} then has its report from etcd and the {@link Dialer} goes through the peer link.
 */
final class TunnelConnector implements ClusterConnector {

    private final Vertx vertx;
    private final Dialer dialer;
    private final AgentPresence agents;
    private final HttpClient.Factory httpClients;

    TunnelConnector(Vertx vertx, Dialer dialer, AgentPresence agents, HttpClient.Factory httpClients) {
        this.vertx = vertx;
        this.dialer = dialer;
        this.agents = agents;
        this.httpClients = httpClients;
    }

    @Override
    public void checkReachable(Cluster cluster) {
        if (!agents.state(cluster.id()).reachable()) {
            throw new ClusterUnreachableException("No agent of cluster " + cluster.displayName() + " is connected.");
        }
    }

    @Override
    public DownstreamConnection open(Cluster cluster) {
        ApiAccess access = agents.access(cluster.id()).orElseThrow(() -> new ClusterUnreachableException("The agent of cluster "
                + cluster.displayName() + " has not said how to reach its API server (an agent older than this server?)."));
        TunnelPortForwarder forwarder = TunnelPortForwarder.start(vertx, dialer, cluster.id(), access.target()).await();
        String masterUrl = (access.tls() ? "https" : "http") + "://127.0.0.1:" + forwarder.port();
        try {
            return new DownstreamConnection(KubernetesConfigs.client(httpClients, masterUrl,
                    () -> agents.access(cluster.id()).map(ApiAccess::bearerToken).orElse(access.bearerToken()),
                    access.caCertPem(), access.tls() ? access.server().getHost() : null), forwarder);
        } catch (RuntimeException e) {
            forwarder.close();
            throw e;
        }
    }
}
