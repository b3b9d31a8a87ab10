package dev.drover.engine.authproxy;

import io.netty.util.AsciiString;
import io.vertx.core.Future;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.function.Supplier;

/**
 * One cluster's API server as the proxy calls it: pooled connections (a pool per event loop) trusting the cluster's CA,
 * the host and port the certificate is checked against, and the impersonating account's bearer.
 *
 * @param clusterId   cluster
 * @param connections for ordinary requests, shared by all of them; closed when the upstream is replaced
 * @param raw         for protocol upgrades, which are spliced as bytes (same trust as {@code connections})
 * @param ssl         https
 * @param host        host of the API server URL (Host header, SNI, certificate check)
 * @param port        its port
 * @param basePath    path prefix of the API server URL, usually empty
 * @param authority   the Host header of requests to it: {@code host:port}, brackets around an IPv6 address
 * @param authorization {@code Bearer} and the downstream credential's token, encoded once (it goes with every
 *                    request); never logged
 * @param dialAt      the address to connect to instead of resolving {@code host} (the tunnel's local
 *                    end), or {@code null} to connect directly
 * @param clusterSource      the cluster's type and endpoint it was built from, to notice changes
 * @param credentialRevision the credential's store revision it was built from
 */
record Upstream(String clusterId, UpstreamConnections connections, NetClient raw, boolean ssl, String host, int port, String basePath,
                AsciiString authority, AsciiString authorization, Supplier<Future<SocketAddress>> dialAt, String clusterSource, long credentialRevision) {

    static String clusterSource(dev.drover.engine.model.Cluster cluster) {
        return cluster.type() + "|" + cluster.apiEndpoint();
    }

    /** A new raw connection to the API server (TLS checked against {@code host}), for an upgrade. */
    Future<NetSocket> dialRaw() {
        Future<SocketAddress> address = dialAt == null ? Future.succeededFuture(SocketAddress.inetSocketAddress(port, host)) : dialAt.get();
        return address.compose(a -> raw.connect(a, host));
    }

    @Override
    public String toString() {
        return "Upstream[" + clusterId + " → " + (ssl ? "https://" : "http://") + host + ":" + port + basePath
                + (dialAt == null ? "" : " via tunnel") + "]";
    }
}
