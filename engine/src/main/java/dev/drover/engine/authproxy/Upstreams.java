package dev.drover.engine.authproxy;

import dev.drover.engine.credential.ClusterCredentials;
import dev.drover.engine.credential.DownstreamCredential;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.ClusterCredential;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoreInformer;
import dev.drover.engine.store.WatchEvent;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.AsciiString;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Resolves a cluster id to its {@link Upstream}, once per cluster: the store reads and the credential's
 * decryption run on a virtual thread, and the result (with its pooled client) is reused until the
 * cluster's type or endpoint or its credential changes (store informers), so status updates of the
 * cluster do not drop pooled connections. Each event loop gets its own connections ({@link UpstreamConnections}). Thread-safe.
 */
final class Upstreams implements AutoCloseable {

    /** A replaced upstream's client keeps serving requests in flight (watches, exec) this long. */
    private static final long RETIRE_AFTER_MILLIS = TimeUnit.MINUTES.toMillis(1);

    private final Vertx vertx;
    private final ResourceStore store;
    private final ClusterCredentials credentials;
    private final TunnelGateway tunnels;
    private final ProxySettings settings;
    private final Map<String, Future<Upstream>> byCluster = new ConcurrentHashMap<>();
    private final JsonCodec<Cluster> clusterCodec = new JsonCodec<>(Cluster.class);
    private final ExecutorService lookups = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("authproxy-upstream-", 0).factory());
    private final StoreInformer clusterInformer;
    private final StoreInformer credentialInformer;

    Upstreams(Vertx vertx, ResourceStore store, ClusterCredentials credentials, TunnelGateway tunnels, ProxySettings settings) {
        this.vertx = vertx;
        this.store = store;
        this.credentials = credentials;
        this.tunnels = tunnels;
        this.settings = settings;
        this.clusterInformer = StoreInformer.start(store, Cluster.KIND, lookups, this::changed);
        this.credentialInformer = StoreInformer.start(store, ClusterCredential.KIND, lookups, this::changed);
    }

    /** The upstream of {@code clusterId} if it is resolved already, else {@code null} (then {@link #resolve}). Any thread. */
    Upstream cached(String clusterId) {
        Future<Upstream> cached = byCluster.get(clusterId);
        return cached != null && cached.succeeded() ? cached.result() : null;
    }

    /** The upstream of {@code clusterId}; completes on {@code context}. Fails with {@link ProxyFailure}. */
    Future<Upstream> resolve(Context context, String clusterId) {
        Future<Upstream> cached = byCluster.get(clusterId);
        if (cached != null && cached.succeeded()) {
            return cached;
        }
        Future<Upstream> shared = byCluster.computeIfAbsent(clusterId, this::load);
        shared.onFailure(e -> byCluster.remove(clusterId, shared));
        Promise<Upstream> onContext = Promise.promise();
        shared.onComplete(result -> context.runOnContext(v -> onContext.handle(result)));
        return onContext.future();
    }

    private Future<Upstream> load(String clusterId) {
        Promise<Upstream> promise = Promise.promise();
        lookups.execute(() -> {
            try {
                promise.complete(build(clusterId));
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    private Upstream build(String clusterId) {
        Cluster cluster = store.get(ObjectKey.of(Cluster.KIND, clusterId)).map(clusterCodec::decode)
                .orElseThrow(() -> new ProxyFailure(404, "Cluster " + clusterId + " does not exist."));
        DownstreamCredential credential;
        try {
            credential = credentials.find(clusterId).orElseThrow(() -> new ProxyFailure(503, "Cluster " + clusterId
                    + " has no downstream credential yet: Drover cannot act for users there until it is registered."));
        } catch (IllegalStateException unreadable) {
            throw new ProxyFailure(503, "The downstream credential of cluster " + clusterId + " cannot be opened: "
                    + unreadable.getMessage(), unreadable);
        }
        boolean direct = cluster.type() == Cluster.Type.DIRECT;
        String server = credential.server().isEmpty() && direct ? cluster.apiEndpoint() : credential.server();
        URI uri;
        try {
            uri = URI.create(server);
        } catch (IllegalArgumentException e) {
            throw new ProxyFailure(503, "Cluster " + clusterId + " has no usable API server URL (" + server + ").", e);
        }
        if (uri.getHost() == null || !"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new ProxyFailure(503, "Cluster " + clusterId + " has no usable API server URL (" + server + ").");
        }
        boolean ssl = "https".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String basePath = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : stripSlash(uri.getRawPath());
        String target = (uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost()) + ":" + port;
        String caPem = credential.caPem();
        Supplier<Future<SocketAddress>> dialAt = direct ? null : () -> tunnels.endpoint(clusterId, target);
        UpstreamConnections connections = new UpstreamConnections(ssl ? tls(clusterId, caPem) : null, uri.getHost(), port, dialAt, settings);
        return new Upstream(clusterId, connections, rawClient(ssl, caPem), ssl, uri.getHost(), port, basePath, new AsciiString(target),
                new AsciiString("Bearer " + credential.token()), dialAt, Upstream.clusterSource(cluster), credential.revision());
    }

    /** TLS to the API server: its CA (the JDK's trust store when the credential has none), its host name checked. */
    static SslContext tls(String clusterId, String caPem) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS")
                    // BoringSSL when the server ships it (netty-tcnative): the proxy does TLS twice per request
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    // HTTP/2 when the API server offers it (kube-apiserver does): many requests share a connection
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
            if (!caPem.isEmpty()) {
                Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                        .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
                builder.trustManager(certificates.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new));
            }
            return builder.build();
        } catch (GeneralSecurityException | SSLException | RuntimeException e) {
            throw new ProxyFailure(503, "The CA certificate of cluster " + clusterId + " cannot be used: " + e.getMessage(), e);
        }
    }

    private NetClient rawClient(boolean ssl, String caPem) {
        NetClientOptions options = new NetClientOptions().setSsl(ssl).setTcpNoDelay(true)
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setIdleTimeout((int) settings.idleTimeout().toSeconds());
        if (ssl) {
            options.setHostnameVerificationAlgorithm("HTTPS");
            if (!caPem.isEmpty()) {
                options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(caPem)));
            }
        }
        return vertx.createNetClient(options);
    }

    /** A change of the cluster or its credential retires the upstream only if what it was built from changed. */
    private void changed(WatchEvent event) {
        String clusterId = event.object().key().name();
        Future<Upstream> cached = byCluster.get(clusterId);
        if (cached == null || !cached.succeeded()) {
            return;
        }
        Upstream upstream = cached.result();
        if (event.type() != WatchEvent.Type.DELETED) {
            boolean same = event.object().key().kind().equals(Cluster.KIND)
                    ? Upstream.clusterSource(clusterCodec.decode(event.object())).equals(upstream.clusterSource())
                    : event.object().revision() == upstream.credentialRevision();
            if (same) {
                return;
            }
        }
        if (byCluster.remove(clusterId, cached)) {
            retire(cached.result());
        }
    }

    private void retire(Upstream upstream) {
        vertx.setTimer(RETIRE_AFTER_MILLIS, t -> {
            upstream.connections().close();
            upstream.raw().close();
        });
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public void close() {
        clusterInformer.close();
        credentialInformer.close();
        byCluster.values().forEach(f -> f.onSuccess(u -> {
            u.connections().close();
            u.raw().close();
        }));
        byCluster.clear();
        lookups.shutdownNow();
    }
}
