package dev.drover.server;

import dev.drover.engine.pki.CertificateAuthority;
import dev.drover.engine.pki.IssuedCertificate;
import dev.drover.engine.reconcile.clusterconnected.ClusterConnectedReconciler;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import dev.drover.engine.tunnel.ClusterImports;
import dev.drover.engine.tunnel.Dialer;
import dev.drover.engine.tunnel.ImportManifest;
import dev.drover.engine.tunnel.RegistrationTokens;
import dev.drover.engine.tunnel.SessionManager;
import dev.drover.engine.tunnel.TunnelServer;
import dev.drover.tunnel.protocol.CaChecksum;
import dev.drover.tunnel.protocol.TunnelEndpoints;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The headless server: binds HTTPS (certificate from the engine's CA in the data directory) and routes
 * the agent tunnel ({@value TunnelEndpoints#CONNECT_PATH}), the CA ({@value TunnelEndpoints#CA_CERTS_PATH})
 * and import manifests ({@code /v3/import/<token>.yaml}) to the engine. Everything is wired here, by
 * constructor, once ({@link #start}).
 */
public final class DroverServer implements AutoCloseable {

    private final Vertx vertx;
    private final ResourceStore store;
    private final String caPem;
    private final SessionManager sessions;
    private final Dialer dialer;
    private final ClusterImports imports;
    private final ClusterConnectedReconciler connected;
    private final HttpServer http;
    private final String url;
    private final int port;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private DroverServer(Vertx vertx, ResourceStore store, String caPem, SessionManager sessions, Dialer dialer,
                         ClusterImports imports, ClusterConnectedReconciler connected, HttpServer http, String url) {
        this.vertx = vertx;
        this.store = store;
        this.caPem = caPem;
        this.sessions = sessions;
        this.dialer = dialer;
        this.imports = imports;
        this.connected = connected;
        this.http = http;
        this.url = url;
        this.port = http.actualPort();
    }

    /** Opens the store and the CA, binds the port and returns the running server. Blocking. */
    public static DroverServer start(ServerConfig config) {
        ResourceStore store = SqliteResourceStore.open(config.dataDirectory());
        Vertx vertx = Vertx.vertx();
        try {
            CertificateAuthority ca = CertificateAuthority.loadOrCreate(config.dataDirectory().resolve("pki"), "drover-ca");
            Set<String> names = new LinkedHashSet<>(config.hostnames());
            names.add("localhost");
            names.add("127.0.0.1");
            IssuedCertificate tls = ca.issueServer("drover-server", names, Duration.ofDays(365));
            String caPem = ca.certificatePem();

            SessionManager sessions = new SessionManager(vertx);
            Dialer dialer = new Dialer(sessions, config.reconnectWait());
            RegistrationTokens tokens = new RegistrationTokens(store, Clock.systemUTC());
            TunnelServer tunnel = new TunnelServer(tokens.authorizer(), sessions, config.tunnel());
            ClusterConnectedReconciler connected = new ClusterConnectedReconciler(store, sessions, Clock.systemUTC());
            connected.start(Duration.ofSeconds(30));

            Routes routes = new Routes();
            HttpServerOptions options = new HttpServerOptions()
                    .setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(tls.chainPem()))
                            .setKeyValue(Buffer.buffer(tls.keyPem())))
                    .setMaxWebSocketFrameSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME)
                    .setMaxWebSocketMessageSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME)
                    .setTcpNoDelay(true)
                    .setReuseAddress(true)
                    .setAcceptUnmaskedFrames(true)
                    .setSendBufferSize(TunnelEndpoints.SOCKET_SEND_BUFFER > 0 ? TunnelEndpoints.SOCKET_SEND_BUFFER : -1)
                    .setPort(config.port());
            TunnelEndpoints.CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
            HttpServer http = vertx.createHttpServer(options).requestHandler(routes);
            http.listen().await();
            String url = "https://" + names.iterator().next() + ":" + http.actualPort();
            ClusterImports imports = new ClusterImports(store, tokens, new ImportManifest(config.agentImage()), url,
                    CaChecksum.of(caPem));
            ImportRoute importRoute = new ImportRoute(vertx, imports);
            routes.add(HttpMethod.GET, TunnelEndpoints.CONNECT_PATH, (request, m) -> tunnel.handle(request))
                    .add(HttpMethod.GET, TunnelEndpoints.CA_CERTS_PATH, (request, m) -> request.response()
                            .putHeader("Content-Type", "application/x-pem-file").end(caPem))
                    .add(HttpMethod.GET, ClusterImports.IMPORT_PATH + "([a-z0-9.]{1,100})\\.yaml", importRoute::handle);
            return new DroverServer(vertx, store, caPem, sessions, dialer, imports, connected, http, url);
        } catch (RuntimeException e) {
            vertx.close().await();
            store.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** The https URL advertised to agents. */
    public String url() {
        return url;
    }

    /** The CA certificate PEM served at {@value TunnelEndpoints#CA_CERTS_PATH}. */
    public String caPem() {
        return caPem;
    }

    public String caChecksum() {
        return CaChecksum.of(caPem);
    }

    public Dialer dialer() {
        return dialer;
    }

    public SessionManager sessions() {
        return sessions;
    }

    public ClusterImports imports() {
        return imports;
    }

    public ResourceStore store() {
        return store;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Stops accepting, drops every tunnel, closes the store. Blocking; idempotent enough for shutdown hooks. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.close().await();
        sessions.closeAll("server shutting down");
        connected.close();
        vertx.close().await();
        store.close();
    }
}
