package dev.drover.engine.authproxy;

import dev.drover.engine.auth.AuthenticationException;
import dev.drover.engine.auth.ForbiddenException;
import dev.drover.engine.auth.TokenIdentity;
import dev.drover.engine.auth.TokenService;
import dev.drover.engine.credential.ClusterCredentials;
import dev.drover.engine.kubeconfig.KubeconfigBuilder;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.tunnel.AgentDisconnectedException;
import dev.drover.tunnel.protocol.TunnelException;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.net.ConnectException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth proxy: serves {@code /k8s/clusters/<clusterId>/<api path>} by checking the Drover bearer
 * token for that cluster and forwarding to the cluster's API server as the token's user, through
 * Kubernetes impersonation with Drover's impersonate-only credential for the cluster.
 *
 * <p>The server routes requests here ({@link #handle}) on their event loop; nothing here blocks it (token
 * checks that miss the {@link TokenCache} and upstream lookups run on virtual threads). Errors reach the
 * client as Kubernetes {@code Status} JSON. Thread-safe; one instance per server.
 */
public final class AuthProxy implements AutoCloseable {

    /** Path prefix the server routes here; the same one kubeconfigs point at. */
    public static final String PREFIX = KubeconfigBuilder.PROXY_PREFIX;

    private static final Logger LOG = LoggerFactory.getLogger(AuthProxy.class);

    private final TokenCache tokens;
    private final Upstreams upstreams;
    private final RequestForwarder requests;
    private final UpgradeSplicer upgrades;
    private final long maxBodyBytes;

    /**
     * @param tokens      the engine's token service (its revocations evict cached validations at once)
     * @param credentials the downstream credentials, opened per cluster
     * @param tunnels     reaches API servers of clusters behind agents
     */
    public AuthProxy(Vertx vertx, ResourceStore store, TokenService tokens, ClusterCredentials credentials,
                     TunnelGateway tunnels, Clock clock, ProxySettings settings) {
        this.tokens = new TokenCache(tokens, store, clock, settings);
        this.upstreams = new Upstreams(vertx, store, credentials, tunnels, settings);
        this.requests = new RequestForwarder(settings);
        this.upgrades = new UpgradeSplicer();
        this.maxBodyBytes = settings.maxRequestBodyBytes();
    }

    /**
     * Serves one request whose path starts with {@value #PREFIX}{@code <clusterId>}. Called on the
     * request's event loop before its body is read; answers it completely, whatever happens.
     */
    public void handle(HttpServerRequest request, String clusterId) {
        request.pause();
        Context context = Vertx.currentContext();
        String uri = request.uri().substring(PREFIX.length() + clusterId.length());
        if (uri.isEmpty() || uri.charAt(0) == '?') {
            uri = "/" + uri;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && exceeds(length)) {
            KubeStatus.send(request, 413, "Request body is larger than the proxy's limit of " + maxBodyBytes + " bytes.", true);
            return;
        }
        List<String> authorization = request.headers().getAll("Authorization");
        if (authorization.size() != 1 || !authorization.getFirst().regionMatches(true, 0, "Bearer ", 0, 7)) {
            // two Authorization headers are refused rather than one picked: the other may be meant for downstream
            KubeStatus.send(request, 401, authorization.size() > 1 ? "Send one Authorization header, not "
                    + authorization.size() + "." : "A Drover token is required (Authorization: Bearer token-…).", false);
            return;
        }
        String bearer = authorization.getFirst().substring(7).strip();
        String path = uri;
        TokenIdentity known;
        try {
            known = tokens.cached(bearer, clusterId);
        } catch (RuntimeException refused) {
            fail(request, clusterId, refused);
            return;
        }
        Upstream resolved = known == null ? null : upstreams.cached(clusterId);
        if (resolved != null) {
            // nearly every request: token and upstream are known, so no futures to compose and complete
            forward(request, context, known, resolved, path);
            return;
        }
        tokens.authenticate(context, bearer, clusterId)
                .compose(identity -> upstreams.resolve(context, clusterId).map(upstream -> {
                    forward(request, context, identity, upstream, path);
                    return upstream;
                }))
                .onFailure(e -> fail(request, clusterId, e));
    }

    private void forward(HttpServerRequest request, Context context, TokenIdentity identity, Upstream upstream, String uri) {
        if (ImpersonationHeaders.isUpgrade(request.headers())) {
            upgrades.forward(request, upstream, uri, ImpersonationHeaders.copy(request.headers(), identity,
                    upstream.authorization(), true, MultiMap.caseInsensitiveMultiMap()));
        } else {
            requests.forward(request, context, upstream, uri, identity);
        }
    }

    private boolean exceeds(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Answers with the Status that fits {@code failure}. */
    static void fail(HttpServerRequest request, String clusterId, Throwable failure) {
        switch (failure) {
            case AuthenticationException e -> KubeStatus.send(request, 401, e.getMessage(), false);
            case ForbiddenException e -> KubeStatus.send(request, 403, e.getMessage(), false);
            case ProxyFailure e -> KubeStatus.send(request, e.code(), e.getMessage(), false);
            case AgentDisconnectedException e -> KubeStatus.send(request, 503, "Cluster " + clusterId
                    + " is not connected: " + e.getMessage(), false);
            case TunnelException e -> KubeStatus.send(request, 503, "Cluster " + clusterId
                    + "'s agent cannot reach its API server: " + e.getMessage(), false);
            case TimeoutException e -> KubeStatus.send(request, 504, "Cluster " + clusterId
                    + "'s API server did not answer in time.", false);
            case ConnectException e -> KubeStatus.send(request, 503, "Cluster " + clusterId
                    + "'s API server cannot be reached: " + e.getMessage(), false);
            default -> {
                LOG.info("Proxied request to cluster {} failed: {}", clusterId, failure.toString());
                KubeStatus.send(request, 503, "Cluster " + clusterId + "'s API server cannot be reached: "
                        + failure.getMessage(), false);
            }
        }
    }

    /** Stops the informers and closes the upstream clients. Idempotent. */
    @Override
    public void close() {
        tokens.close();
        upstreams.close();
    }
}
