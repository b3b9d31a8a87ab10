package dev.drover.engine.tunnel;

import dev.drover.tunnel.protocol.TunnelEndpoints;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each cluster's agents last reported about reaching their API server ({@link ApiAccess}), taken
 * from the tunnel upgrade headers of agents the authorizer accepted. Kept in memory only: agents send
 * it again on every connection, so no cluster credential rests on the server's disk. Thread-safe.
 */
public final class ApiAccessReports {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAccessReports.class);

    private final Map<String, ApiAccess> byCluster = new ConcurrentHashMap<>();

    /** Wraps the real authorizer: an accepted agent's report is recorded; a rejected agent's is not read. */
    public TunnelAuthorizer recording(TunnelAuthorizer authorizer) {
        return headers -> {
            Optional<AgentIdentity> agent = authorizer.authorize(headers);
            agent.ifPresent(a -> parse(headers).ifPresentOrElse(access -> byCluster.put(a.clusterId(), access),
                    () -> LOG.info("Agent {} reported no usable API access ({} missing or malformed)", a.sessionKey(),
                            TunnelEndpoints.API_SERVER_HEADER)));
            return agent;
        };
    }

    /** The cluster's last reported access, if any agent of it ever connected since this server started. */
    public Optional<ApiAccess> find(String clusterId) {
        return Optional.ofNullable(byCluster.get(clusterId));
    }

    /** Reads the report; anything malformed is ignored rather than half-trusted. */
    static Optional<ApiAccess> parse(MultiMap headers) {
        String server = headers.get(TunnelEndpoints.API_SERVER_HEADER);
        String token = headers.get(TunnelEndpoints.API_TOKEN_HEADER);
        if (server == null || token == null || token.isBlank() || token.strip().chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(server.strip());
            if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                return Optional.empty();
            }
            String ca = headers.get(TunnelEndpoints.API_CA_HEADER);
            String caPem = ca == null || ca.isBlank() ? "" : new String(Base64.getDecoder().decode(ca.strip()), StandardCharsets.US_ASCII);
            return Optional.of(new ApiAccess(uri, token.strip(), caPem));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
