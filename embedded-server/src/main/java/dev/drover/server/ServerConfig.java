package dev.drover.server;

import dev.drover.engine.auth.Authenticator;
import dev.drover.engine.authproxy.ProxySettings;
import dev.drover.tunnel.protocol.SessionOptions;
import dev.drover.tunnel.protocol.eventloop.PollingTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run the server.
 *
 * @param port           HTTPS port; 0 picks a free one
 * @param dataDirectory  the store, the CA and the direct clusters' credentials live here
 * @param hostnames      names and addresses agents and consoles use to reach the server: certificate SANs;
 *                       the first is advertised in import URLs (localhost and 127.0.0.1 are always added)
 * @param reconnectWait  how long a dial waits for an absent agent
 * @param tunnel         the server end's session options
 * @param agentImage     the agents' container image in import manifests
 * @param tls            a certificate and key to serve instead of one from the generated CA; {@code null}
 *                       for the generated CA
 * @param loginProviders external login providers (LDAP/AD) besides the local users
 * @param watchHeartbeat how often an idle API watch gets a bookmark
 * @param proxy          the auth proxy's limits (request body size, token cache)
 * @param eventLoopPoll  how long the network event loops poll for I/O before they sleep, at most (see
 *                       {@link PollingTransport}); zero sleeps at once
 */
public record ServerConfig(int port, Path dataDirectory, List<String> hostnames, Duration reconnectWait,
                           SessionOptions tunnel, String agentImage, TlsFiles tls, List<Authenticator> loginProviders,
                           Duration watchHeartbeat, ProxySettings proxy, Duration eventLoopPoll) {

    public ServerConfig {
        hostnames = List.copyOf(hostnames);
        loginProviders = List.copyOf(loginProviders);
    }

    /**
     * A certificate the operator provides.
     *
     * @param certificateChain PEM: the server certificate, then intermediates
     * @param privateKey       PEM: its key (PKCS#8, or PKCS#1/SEC1)
     * @param ca               PEM: the CA consoles and agents pin; {@code null} to use the chain's last certificate
     */
    public record TlsFiles(Path certificateChain, Path privateKey, Path ca) {
    }

    public static ServerConfig defaults(int port, Path dataDirectory) {
        return new ServerConfig(port, dataDirectory, List.of("localhost"), Duration.ofSeconds(15), SessionOptions.DEFAULTS,
                "drover/agent:0.1.0", null, List.of(), Duration.ofSeconds(10), ProxySettings.DEFAULTS, PollingTransport.DEFAULT_MAX_POLL);
    }

    public ServerConfig withReconnectWait(Duration wait) {
        return new ServerConfig(port, dataDirectory, hostnames, wait, tunnel, agentImage, tls, loginProviders, watchHeartbeat, proxy, eventLoopPoll);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, dataDirectory, hostnames, reconnectWait, tunnel, agentImage, tls, loginProviders, watchHeartbeat, proxy, eventLoopPoll);
    }

    public ServerConfig withTunnel(SessionOptions options) {
        return new ServerConfig(port, dataDirectory, hostnames, reconnectWait, options, agentImage, tls, loginProviders, watchHeartbeat, proxy, eventLoopPoll);
    }

    public ServerConfig withHostnames(List<String> names) {
        return new ServerConfig(port, dataDirectory, names, reconnectWait, tunnel, agentImage, tls, loginProviders, watchHeartbeat, proxy, eventLoopPoll);
    }

    public ServerConfig withTls(TlsFiles files) {
        return new ServerConfig(port, dataDirectory, hostnames, reconnectWait, tunnel, agentImage, files, loginProviders, watchHeartbeat, proxy, eventLoopPoll);
    }

    public ServerConfig withLoginProviders(List<Authenticator> providers) {
        return new ServerConfig(port, dataDirectory, hostnames, reconnectWait, tunnel, agentImage, tls, providers, watchHeartbeat, proxy, eventLoopPoll);
    }

    public ServerConfig withWatchHeartbeat(Duration interval) {
        return new ServerConfig(port, dataDirectory, hostnames, reconnectWait, tunnel, agentImage, tls, loginProviders, interval, proxy, eventLoopPoll);
    }

    public ServerConfig withEventLoopPoll(Duration maxPoll) {
        return new ServerConfig(port, dataDirectory, hostnames, reconnectWait, tunnel, agentImage, tls, loginProviders, watchHeartbeat, proxy, maxPoll);
    }

    public ServerConfig withProxy(ProxySettings settings) {
        return new ServerConfig(port, dataDirectory, hostnames, reconnectWait, tunnel, agentImage, tls, loginProviders, watchHeartbeat, settings, eventLoopPoll);
    }
}
