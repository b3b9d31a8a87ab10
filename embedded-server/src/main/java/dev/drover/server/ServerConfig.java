package dev.drover.server;

import dev.drover.engine.authproxy.ProxySettings;
import dev.drover.tunnel.protocol.SessionOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run the server.
 *
 * @param port          HTTPS port; 0 picks a free one
 * @param dataDirectory the store and the CA live here
 * @param hostnames     names and addresses agents use to reach the server: certificate SANs; the first
 *                      is advertised in import URLs (localhost and 127.0.0.1 are always added)
 * @param reconnectWait how long a dial waits for an absent agent
 * @param tunnel        the server end's session options
 * @param agentImage    the agents' container image in import manifests
 * @param proxy         the auth proxy's limits (request body size, token cache)
 */
public record ServerConfig(int port, Path dataDirectory, List<String> hostnames, Duration reconnectWait,
                           SessionOptions tunnel, String agentImage, ProxySettings proxy) {

    public ServerConfig(int port, Path dataDirectory, List<String> hostnames, Duration reconnectWait,
                        SessionOptions tunnel, String agentImage) {
        this(port, dataDirectory, hostnames, reconnectWait, tunnel, agentImage, ProxySettings.DEFAULTS);
    }

    public static ServerConfig defaults(int port, Path dataDirectory) {
        return new ServerConfig(port, dataDirectory, List.of("localhost"), Duration.ofSeconds(15), SessionOptions.DEFAULTS,
                "drover/agent:0.1.0");
    }

    public ServerConfig withReconnectWait(Duration wait) {
        return new ServerConfig(port, dataDirectory, hostnames, wait, tunnel, agentImage, proxy);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, dataDirectory, hostnames, reconnectWait, tunnel, agentImage, proxy);
    }

    public ServerConfig withTunnel(SessionOptions options) {
        return new ServerConfig(port, dataDirectory, hostnames, reconnectWait, options, agentImage, proxy);
    }

    public ServerConfig withProxy(ProxySettings settings) {
        return new ServerConfig(port, dataDirectory, hostnames, reconnectWait, tunnel, agentImage, settings);
    }
}
