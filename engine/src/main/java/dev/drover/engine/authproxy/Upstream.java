package dev.drover.engine.authproxy;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.function.Supplier;

/**
 * One cluster's API server as the proxy calls it: pooled HTTP clients (one per event loop) trusting the cluster's CA, the
 * host and port the certificate is checked against, and the impersonating account's bearer.
 *
 * @param clusterId cluster
 * @param clients   shared by all requests to this cluster, each loop's own; closed when the upstream is replaced
 * @param raw       for protocol upgrades, which are spliced as bytes (same trust as {@code clients})
 * @param ssl       https
 * @param host      host of the API server URL (Host header, SNI, certificate check)
 * @param port      its port
 * @param basePath  path prefix of the API server URL, usually empty
 * @param bearer    the downstream credential's token; never logged
 * @param dialAt    the address to connect to instead of resolving {@code host} (the tunnel's local
 *                  end), or {@code null} to connect directly
 * @param clusterSource      the cluster's type and endpoint it was built from, to notice changes
 * @param credentialRevision the credential's store revision it was built from
 */
record Upstream(String clusterId, PerLoopClients clients, NetClient raw, boolean ssl, String host, int port, String basePath, String bearer,
                Supplier<Future<SocketAddress>> dialAt, String clusterSource, long credentialRevision) {

    static String clusterSource(dev.drover.engine.model.Cluster cluster) {
        return cluster.type() + "|" + cluster.apiEndpoint();
    }

    /** Request options for {@code uri} (path and query after the cluster prefix). */
    Future<RequestOptions> options(HttpMethod method, String uri, long connectTimeoutMillis) {
        RequestOptions options = directOptions(method, uri, connectTimeoutMillis);
        if (dialAt == null) {
            return Future.succeededFuture(options);
        }
        return dialAt.get().map(options::setServer);
    }

    /** As {@link #options}, without a future, for an API server reached directly ({@code dialAt == null}). */
    RequestOptions directOptions(HttpMethod method, String uri, long connectTimeoutMillis) {
        return new RequestOptions().setMethod(method).setHost(host).setPort(port).setSsl(ssl)
                .setURI(basePath.isEmpty() ? uri : basePath + uri).setConnectTimeout(connectTimeoutMillis);
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
