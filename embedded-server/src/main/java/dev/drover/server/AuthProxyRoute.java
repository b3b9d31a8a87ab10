package dev.drover.server;

import dev.drover.engine.auth.TokenService;
import dev.drover.engine.authproxy.AuthProxy;
import dev.drover.engine.authproxy.ProxySettings;
import dev.drover.engine.credential.ClusterCredentials;
import dev.drover.engine.credential.SecretCipher;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.tunnel.AgentPresence;
import dev.drover.engine.tunnel.Dialer;
import dev.drover.engine.tunnel.SessionManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /k8s/clusters/<id>/...} (any method): the engine's {@link AuthProxy}, with the tunnel reached
 * through {@link TunnelForwarders} and downstream credentials sealed under the data directory's key.
 * Self-contained so the server's wiring needs one constructor call and one route.
 */
public final class AuthProxyRoute implements AutoCloseable {

    /** The route's path pattern; group 1 is the cluster id. */
    public static final String PATH = Pattern.quote(AuthProxy.PREFIX) + "([a-z0-9][a-z0-9.-]{0,62})(?:/.*)?";

    private final TokenService tokens;
    private final ClusterCredentials credentials;
    private final TunnelForwarders forwarders;
    private final AuthProxy proxy;

    /**
     * @param tokens the engine's token service: revoking through it takes effect on the next request
     */
    public AuthProxyRoute(Vertx vertx, ResourceStore store, TokenService tokens, Path dataDirectory, SessionManager sessions,
                          Dialer dialer, Duration reconnectWait, ProxySettings settings) {
        this(vertx, store, tokens, dataDirectory, sessions, AgentPresence.local(sessions, null), dialer, reconnectWait, settings);
    }

    /** As the other constructor, for a replica that also sees the agents connected to its peers ({@code agents}). */
    public AuthProxyRoute(Vertx vertx, ResourceStore store, TokenService tokens, Path dataDirectory, SessionManager sessions,
                          AgentPresence agents, Dialer dialer, Duration reconnectWait, ProxySettings settings) {
        this.tokens = tokens;
        this.credentials = new ClusterCredentials(store, SecretCipher.loadOrCreate(dataDirectory));
        this.forwarders = new TunnelForwarders(vertx, dialer, sessions, agents, reconnectWait);
        this.proxy = new AuthProxy(vertx, store, tokens, credentials, forwarders, Clock.systemUTC(), settings);
    }

    void handle(HttpServerRequest request, Matcher path) {
        proxy.handle(request, path.group(1));
    }

    public TokenService tokens() {
        return tokens;
    }

    /** Where cluster registration stores each cluster's impersonating credential. */
    public ClusterCredentials credentials() {
        return credentials;
    }

    @Override
    public void close() {
        proxy.close();
        forwarders.close();
    }
}
