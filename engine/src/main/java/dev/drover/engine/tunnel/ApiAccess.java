package dev.drover.engine.tunnel;

import java.net.URI;
import java.util.Objects;

/**
 * How Drover reaches a cluster's API server through its agent, as the agent reported it on connecting.
 *
 * @param server      the API server's URL as the agent dials it ({@code https://10.43.0.1:443})
 * @param bearerToken the agent's service account token: Drover's identity in the cluster; never logged
 * @param caCertPem   the CA of the API server's certificate; empty for plain HTTP
 */
public record ApiAccess(URI server, String bearerToken, String caCertPem) {

    public ApiAccess {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(bearerToken, "bearerToken");
        caCertPem = caCertPem == null ? "" : caCertPem;
    }

    /** What to dial through the tunnel: {@code host:port}. */
    public String target() {
        String host = server.getHost().contains(":") && !server.getHost().startsWith("[") ? "[" + server.getHost() + "]" : server.getHost();
        return host + ":" + port();
    }

    public int port() {
        return server.getPort() > 0 ? server.getPort() : "http".equalsIgnoreCase(server.getScheme()) ? 80 : 443;
    }

    public boolean tls() {
        return "https".equalsIgnoreCase(server.getScheme());
    }

    @Override
    public String toString() {
        return "ApiAccess[server=" + server + ", bearerToken=<hidden>, caCertPem=" + (caCertPem.isEmpty() ? "none" : "set") + "]";
    }
}
