package dev.drover.server;

import dev.drover.engine.api.LocalManagementApi;
import dev.drover.engine.core.Engine;
import dev.drover.engine.credential.SecretCipher;
import dev.drover.engine.downstream.CachingDownstreamClients;
import dev.drover.engine.downstream.CredentialFiles;
import dev.drover.engine.downstream.DirectConnector;
import dev.drover.engine.downstream.DownstreamCredentials;
import dev.drover.engine.downstream.StoredCredentials;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.runtime.Leadership;
import dev.drover.engine.runtime.Ownership;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.tunnel.AgentPresence;
import dev.drover.engine.tunnel.ApiAccessReports;
import dev.drover.engine.tunnel.ClusterImports;
import dev.drover.engine.tunnel.Dialer;
import dev.drover.engine.tunnel.ImportManifest;
import dev.drover.engine.tunnel.RegistrationTokens;
import dev.drover.engine.tunnel.SessionManager;
import dev.drover.engine.tunnel.TunnelServer;
import dev.drover.server.api.ApiRoutes;
import dev.drover.tunnel.protocol.CaChecksum;
import dev.drover.tunnel.protocol.TunnelEndpoints;
import dev.drover.tunnel.protocol.eventloop.PollingTransport;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The headless server: the real engine (store, auth, reconcilers, workloads read model) with clients
 * for every downstream cluster — direct ones at their endpoint, agent ones through the tunnel — behind
 * one HTTPS port serving the management API, the agent tunnel ({@value TunnelEndpoints#CONNECT_PATH}),
 * the CA ({@value TunnelEndpoints#CA_CERTS_PATH}), import manifests and {@code /healthz}. Everything is
 * wired here, by constructor, once ({@link #start}).
 */
public final class DroverServer implements AutoCloseable {

    private final Parts parts;
    private final HttpServer http;
    /** {@link #http} and one more instance on the same port per further core. */
    private final List<HttpServer> listeners;
    private final ApiRoutes apiRoutes;
    private final LocalManagementApi api;
    private final ClusterImports imports;
    private final AuthProxyRoute authProxy;
    private final String url;
    private final AtomicReference<char[]> bootstrapPassword;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** What exists before the port is bound. */
    private record Parts(Vertx vertx, Vertx downstream, ServerTls tls, SessionManager sessions, Dialer dialer,
                         CachingDownstreamClients clients, Engine engine, DownstreamCredentials credentials, HaSettings.Opened ha,
                         ReplicaPeering peering) {
    }

    private DroverServer(Parts parts, List<HttpServer> listeners, ApiRoutes apiRoutes, LocalManagementApi api, ClusterImports imports,
                         AuthProxyRoute authProxy, String url, char[] bootstrapPassword) {
        this.parts = parts;
        this.http = listeners.getFirst();
        this.listeners = List.copyOf(listeners);
        this.apiRoutes = apiRoutes;
        this.api = api;
        this.imports = imports;
        this.authProxy = authProxy;
        this.url = url;
        this.bootstrapPassword = new AtomicReference<>(bootstrapPassword);
    }

    /** Opens the store and the CA, starts the engine, binds the port and returns the running server. Blocking. */
    public static DroverServer start(ServerConfig config) {
        return start(config, HaSettings.SINGLE);
    }

    /**
     * As {@link #start(ServerConfig)}, with the store (and, on etcd, leader election among replicas) that
     * {@code ha} says. Replicas on one etcd share every object; each needs the same certificate
     * ({@code --tls-*}) so agents and consoles can pin one CA whichever replica they reach.
     */
    public static DroverServer start(ServerConfig config, HaSettings ha) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            HaSettings.Opened replica = ha.open(config.dataDirectory());
            opened.add(replica.resources());
            ResourceStore store = replica.store();
            opened.add(store);
            Vertx vertx = PollingTransport.vertx(config.eventLoopPoll());
            opened.add(() -> vertx.close().await());
            Set<String> names = new LinkedHashSet<>(config.hostnames());
            names.add("localhost");
            names.add("127.0.0.1");
            ServerTls tls = ServerTls.load(config.dataDirectory(), config.tls(), names);

            SessionManager sessions = new SessionManager(vertx);
            ApiAccessReports reports = new ApiAccessReports();
            ReplicaPeering peering = new ReplicaPeering(sessions, reports);
            opened.add(peering);
            Dialer dialer = new Dialer(sessions, config.reconnectWait(), peering);
            RegistrationTokens registrations = new RegistrationTokens(store, Clock.systemUTC());
            TunnelServer tunnel = new TunnelServer(reports.recording(registrations.authorizer()), sessions, config.tunnel());
            CredentialFiles files = new CredentialFiles(config.dataDirectory().resolve("credentials"));
            DownstreamCredentials credentials = files;
            if (ha.replicated()) {
                // the data directory is per replica: the credential must be in the shared store for the cluster's owner
                StoredCredentials shared = new StoredCredentials(store, SecretCipher.loadOrCreate(config.dataDirectory()));
                shared.adopt(files);
                credentials = shared;
            }
            // fabric8 decodes responses on its event loops: a 3 MB pod list must not stall the API and the tunnels
            Vertx downstream = Vertx.vertx();
            opened.add(() -> downstream.close().await());
            Vertx5HttpClientFactory httpClients = new Vertx5HttpClientFactory(downstream);
            DirectConnector endpoints = new DirectConnector(credentials, httpClients);
            CachingDownstreamClients clients = new CachingDownstreamClients(store, Map.of(
                    Cluster.Type.DIRECT, endpoints, Cluster.Type.RKE, endpoints, // RKE: provisioned, reached with kube-admin's certificate
                    Cluster.Type.IMPORTED, new TunnelConnector(vertx, dialer, peering, httpClients))).start();
            opened.add(clients);
            // replicas: every replica's agents, and per-cluster loops only for this replica's share (from join on)
            Engine engine = Engine.start(store, clients, Clock.systemUTC(), replica.leadership(), config.loginProviders(), peering,
                    ha.replicated() ? peering : Ownership.all());
            opened.remove(store); // the engine owns it now
            opened.add(engine);
            char[] bootstrap = engine.users().bootstrapAdmin().orElse(null);
            Parts parts = new Parts(vertx, downstream, tls, sessions, dialer, clients, engine, credentials, replica, peering);

            Routes routes = new Routes();
            List<HttpServer> listeners = listen(vertx, httpOptions(config, tls), routes, opened);
            HttpServer http = listeners.getFirst();
            String url = "https://" + names.iterator().next() + ":" + http.actualPort();
            ClusterImports imports = new ClusterImports(store, registrations, new ImportManifest(config.agentImage()), url,
                    CaChecksum.of(tls.caPem()));
            LocalManagementApi api = LocalManagementApi.serving(engine, credentials, imports);
            ImportRoute importRoute = new ImportRoute(vertx, imports);
            routes.add(HttpMethod.GET, TunnelEndpoints.CONNECT_PATH, (request, m) -> tunnel.handle(request))
                    .add(HttpMethod.GET, TunnelEndpoints.CA_CERTS_PATH, (request, m) -> request.response()
                            .putHeader("Content-Type", "application/x-pem-file").end(tls.caPem()))
                    .add(HttpMethod.GET, ClusterImports.IMPORT_PATH + "([a-z0-9.]{1,100})\\.yaml", importRoute::handle);
            AuthProxyRoute authProxy = new AuthProxyRoute(vertx, store, engine.tokens(), config.dataDirectory(), sessions, peering,
                    dialer, config.reconnectWait(), config.proxy());
            opened.add(authProxy);
            routes.add(null, AuthProxyRoute.PATH, authProxy::handle);
            if (ha.replicated()) {
                peering.join(replica.client(), ha, ha.peerUrl() != null ? ha.peerUrl() : url, vertx, tls.caPem(),
                        SecretCipher.loadOrCreate(config.dataDirectory()), config.tunnel(), routes);
            }
            ApiRoutes apiRoutes = ApiRoutes.register(routes, vertx, api, engine.tokens(), engine.logins(), config.watchHeartbeat());
            dev.drover.server.api.AdminRoutes.register(routes, vertx, api, engine.tokens(), url, tls.caPem(), config.watchHeartbeat());
            return new DroverServer(parts, listeners, apiRoutes, api, imports, authProxy, url, bootstrap);
        } catch (RuntimeException e) {
            Collections.reverse(opened);
            for (AutoCloseable resource : opened) {
                try {
                    resource.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * One HttpServer instance per core on one port, each on its own event loop (Vert.x shares the listening
     * socket and hands connections to the instances in turn). A single instance serves all its connections
     * on one event loop, which capped the auth proxy and the tunnels at one core (BENCHMARKS.md, "Auth
     * proxy"). The instances are verticle instances because listeners created from one plain thread all
     * land on that thread's one (sticky) event-loop context.
     */
    private static List<HttpServer> listen(Vertx vertx, HttpServerOptions options, Routes routes, List<AutoCloseable> opened) {
        if (options.getPort() == 0) {
            // Vert.x shares a socket between instances only for a fixed port, so a random one is chosen first
            try (ServerSocket free = new ServerSocket(0)) {
                options.setPort(free.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException("No free port to listen on: " + e.getMessage(), e);
            }
        }
        List<HttpServer> listeners = new CopyOnWriteArrayList<>();
        String deployment = vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer(options).requestHandler(routes).listen().onSuccess(listeners::add);
            }
        }, new DeploymentOptions().setInstances(Math.max(1, Runtime.getRuntime().availableProcessors()))).await();
        opened.add(() -> vertx.undeploy(deployment).await());
        return List.copyOf(listeners);
    }

    private static HttpServerOptions httpOptions(ServerConfig config, ServerTls tls) {
        HttpServerOptions options = new HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(tls.chainPem()))
                        .setKeyValue(Buffer.buffer(tls.keyPem())))
                .setMaxWebSocketFrameSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME)
                .setMaxWebSocketMessageSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME)
                .setTcpNoDelay(true)
                .setReuseAddress(true)
                .setAcceptUnmaskedFrames(true)
                // no WebSocket compression (no Drover client asks for it): its extension handler sat in every
                // connection's pipeline and inspected every proxied request and response (BENCHMARKS.md, "Auth proxy"),
                // and a 101 the proxy splices must reach the client as the API server sent it
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                // small send buffers keep a saturating stream's backlog in the tunnel's fair queue, not the kernel
                .setSendBufferSize(TunnelEndpoints.SOCKET_SEND_BUFFER > 0 ? TunnelEndpoints.SOCKET_SEND_BUFFER : -1)
                .setPort(config.port());
        TunnelEndpoints.CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        if (OpenSSLEngineOptions.isAvailable()) {
            // BoringSSL instead of the JDK's SSLEngine: fewer copies and faster AES-GCM on every HTTPS request and
            // tunnel frame (BENCHMARKS.md, "Auth proxy" and "Tunnel"); the JDK engine remains where it does not load
            options.setSslEngineOptions(new OpenSSLEngineOptions());
        }
        return options;
    }

    public int port() {
        return http.actualPort();
    }

    /** The https URL advertised to agents and consoles. */
    public String url() {
        return url;
    }

    /** The CA certificate PEM served at {@value TunnelEndpoints#CA_CERTS_PATH}. */
    public String caPem() {
        return parts.tls().caPem();
    }

    /** What consoles and agents pin: the SHA-256 of {@link #caPem()}. */
    public String caChecksum() {
        return CaChecksum.of(parts.tls().caPem());
    }

    /**
     * The bootstrap administrator's password, on the first start of a data directory only, and only
     * once: the server forgets it as it hands it out.
     */
    public Optional<char[]> takeBootstrapPassword() {
        return Optional.ofNullable(bootstrapPassword.getAndSet(null));
    }

    public Dialer dialer() {
        return parts.dialer();
    }

    public SessionManager sessions() {
        return parts.sessions();
    }

    public ClusterImports imports() {
        return imports;
    }

    public Engine engine() {
        return parts.engine();
    }

    /** Whether this replica runs the run-once reconcilers: always for a single server, elected on etcd. */
    public Leadership leadership() {
        return parts.ha().leadership();
    }

    /** This replica's share of the clusters (per-cluster reconcilers run for those only): every one on a single server. */
    public Ownership ownership() {
        return parts.ha().client() != null ? parts.peering() : Ownership.all();
    }

    /** Every replica's agent sessions as this replica sees them (its own only on a single server). */
    public AgentPresence agents() {
        return parts.peering();
    }

    public ResourceStore store() {
        return parts.engine().store();
    }

    /** The engine's API as the HTTP routes call it. */
    public LocalManagementApi api() {
        return api;
    }

    /** Drover's own clients of the downstream clusters. */
    public CachingDownstreamClients downstream() {
        return parts.clients();
    }

    public Vertx vertx() {
        return parts.vertx();
    }

    /** The auth proxy at {@value AuthProxyRoute#PATH}, for tests that register downstream credentials. */
    public AuthProxyRoute authProxy() {
        return authProxy;
    }

    /** Stops accepting, drops every tunnel and watch, stops the engine, closes the store. Blocking; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listeners.forEach(listener -> listener.close().await());
        apiRoutes.close();
        authProxy.close();
        parts.peering().close();
        parts.sessions().closeAll("server shutting down");
        api.close(); // reconcilers and informers stop before the clients they use are closed
        parts.clients().close();
        parts.downstream().close().await();
        parts.vertx().close().await();
        try {
            parts.ha().resources().close();
        } catch (Exception ignored) {
            // leaving the election early only makes the next leader wait for the lease
        }
    }
}
