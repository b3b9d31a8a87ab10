package dev.drover.agents;

import dev.drover.tunnel.protocol.Frame;
import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.SessionOptions;
import dev.drover.tunnel.protocol.TunnelEndpoints;
import dev.drover.tunnel.protocol.WebSocketTransport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemTrustOptions;
import java.lang.System.Logger.Level;

/**
 * One agent's tunnel: fetch and check the server CA, connect the WebSocket with TLS trusting only that
 * CA, serve the server's streams through the allow-list, and reconnect with jittered backoff whenever
 * the connection drops. Runs on one Vert.x event loop.
 */
final class TunnelAgent {

    private static final System.Logger LOG = System.getLogger(TunnelAgent.class.getName());

    static final int TARGET_READ_SIZE = Integer.getInteger("drover.agent.readSize", 4 * Frame.MAX_DATA);

    private final Vertx vertx;
    private final AgentSettings settings;
    private final String nodeName;
    private final Backoff backoff;
    private final AllowListAcceptor acceptor;
    private final boolean maskFrames;
    private final java.util.function.Supplier<ApiServerAccess> apiAccess;
    private WebSocketClient client;
    private volatile Session session;
    private volatile boolean stopped;

    /**
     * @param nodeName  the node of a node agent, or {@code null} for the cluster agent
     * @param apiAccess read before every connection, so a rotated token is sent on the next one
     */
    TunnelAgent(Vertx vertx, AgentSettings settings, String nodeName, AllowList allowList, Backoff backoff,
                java.util.function.Supplier<ApiServerAccess> apiAccess) {
        this.vertx = vertx;
        this.apiAccess = apiAccess;
        this.settings = settings;
        this.nodeName = nodeName;
        this.backoff = backoff;
        this.maskFrames = settings.maskFrames();
        this.acceptor = new AllowListAcceptor(allowList, vertx.createNetClient(
                // Reads of up to four frames' worth: with Netty's adaptive default a bulk stream was read in
                // small pieces, and every piece became a frame with its own record, write and wake-up.
                new NetClientOptions().setConnectTimeout(10_000).setTcpNoDelay(true).setReceiveBufferSize(TARGET_READ_SIZE)));
    }

    /** Completes once the CA checked out and connecting began; fails with {@link CaMismatchException}. */
    Future<Void> start() {
        Promise<Void> started = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> fetchCa(started));
        return started.future();
    }

    private void fetchCa(Promise<Void> started) {
        ServerCa.fetch(vertx, settings).onSuccess(pem -> {
            LOG.log(Level.INFO, "Server CA matches " + AgentSettings.CA_CHECKSUM + "; connecting to " + settings.server());
            WebSocketClientOptions options = new WebSocketClientOptions()
                    .setSsl(true).setVerifyHost(true)
                    .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pem)))
                    .setMaxFrameSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME)
                    .setMaxMessageSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME)
                    .setTcpNoDelay(true)
                    .setSendBufferSize(TunnelEndpoints.SOCKET_SEND_BUFFER > 0 ? TunnelEndpoints.SOCKET_SEND_BUFFER : -1)
                    .setConnectTimeout(10_000)
                    // Masking guards browsers' traffic through caching proxies; this is TLS end to end and
                    // not a browser, so frames go unmasked (one pass over every byte saved) unless
                    // DROVER_MASK_FRAMES=true, for a TLS-terminating proxy in front of the server.
                    .setSendUnmaskedFrames(!maskFrames);
            TunnelEndpoints.CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
            if (OpenSSLEngineOptions.isAvailable()) {
                // BoringSSL instead of the JDK's SSLEngine: the agent encrypts every byte a bulk stream sends,
                // and it costs about half the CPU per byte (BENCHMARKS.md, Tunnel, "Fifth round")
                options.setSslEngineOptions(new OpenSSLEngineOptions());
            }
            client = vertx.createWebSocketClient(options);
            started.complete();
            connect();
        }).onFailure(e -> {
            if (e instanceof CaMismatchException) {
                started.fail(e);
            } else {
                long delay = backoff.next().toMillis();
                LOG.log(Level.WARNING, "Cannot fetch the server CA from " + settings.server() + " (" + e.getMessage()
                        + "); retrying in " + delay + " ms");
                vertx.setTimer(delay, t -> fetchCa(started));
            }
        });
    }

    private void connect() {
        if (stopped) {
            return;
        }
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(settings.server().getHost()).setPort(ServerCa.port(settings.server()))
                .setURI(TunnelEndpoints.CONNECT_PATH).setSsl(true)
                .addHeader(TunnelEndpoints.TOKEN_HEADER, settings.token());
        if (nodeName != null) {
            options.addHeader(TunnelEndpoints.NODE_HEADER, nodeName);
        }
        ApiServerAccess access = apiAccess.get();
        if (access.complete()) {
            options.addHeader(TunnelEndpoints.API_SERVER_HEADER, access.server())
                    .addHeader(TunnelEndpoints.API_TOKEN_HEADER, access.token());
            if (!access.caCertPem().isEmpty()) {
                options.addHeader(TunnelEndpoints.API_CA_HEADER, access.caBase64());
            }
        } else {
            LOG.log(Level.WARNING, "No API server token to report (" + access + "): Drover can reach this cluster only"
                    + " once the agent has its service account token");
        }
        client.connect(options).onSuccess(socket -> {
            backoff.reset();
            Session s = WebSocketTransport.attach(socket, Session.Role.AGENT, SessionOptions.DEFAULTS, acceptor);
            session = s;
            LOG.log(Level.INFO, "Tunnel connected to " + settings.server() + (nodeName == null ? "" : " as node " + nodeName));
            s.closeFuture().onSuccess(reason -> {
                LOG.log(Level.WARNING, "Tunnel lost: " + reason.getMessage());
                reconnectLater();
            });
        }).onFailure(e -> {
            String why = e instanceof UpgradeRejectedException rejected && rejected.getStatus() == 401
                    ? "the server rejected " + AgentSettings.TOKEN + " (401): import the cluster again for a new token"
                    : e.getMessage();
            LOG.log(Level.WARNING, "Cannot connect the tunnel: " + why);
            reconnectLater();
        });
    }

    private void reconnectLater() {
        if (!stopped) {
            long delay = backoff.next().toMillis();
            LOG.log(Level.INFO, "Reconnecting in " + delay + " ms");
            vertx.setTimer(delay, t -> connect());
        }
    }

    void stop() {
        stopped = true;
        Session s = session;
        if (s != null) {
            s.close("agent stopping");
        }
    }
}
