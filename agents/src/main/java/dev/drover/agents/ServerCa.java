package dev.drover.agents;

import dev.drover.tunnel.protocol.CaChecksum;
import dev.drover.tunnel.protocol.TunnelEndpoints;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;

/**
 * Fetches the server's CA from {@code /cacerts} before trusting anything, and checks it against the
 * pinned checksum. The fetch itself cannot verify the server (that is what the CA is for), so nothing
 * but the checksum decides.
 */
final class ServerCa {

    private ServerCa() {
    }

    /** The CA PEM, once it matches; fails with {@link CaMismatchException} when it does not. */
    static Future<String> fetch(Vertx vertx, AgentSettings settings) {
        URI server = settings.server();
        var client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false)
                .setConnectTimeout(10_000));
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(server.getHost())
                .setPort(port(server)).setURI(TunnelEndpoints.CA_CERTS_PATH);
        return client.request(request)
                .compose(r -> r.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("the server answered " + response.statusCode() + " for " + TunnelEndpoints.CA_CERTS_PATH))
                .map(body -> verify(body.toString(java.nio.charset.StandardCharsets.US_ASCII), settings))
                .eventually(client::close);
    }

    static String verify(String pem, AgentSettings settings) {
        if (!CaChecksum.matches(pem, settings.caChecksum())) {
            throw new CaMismatchException("The CA certificate served by " + settings.server() + " has checksum "
                    + CaChecksum.of(pem) + ", but " + AgentSettings.CA_CHECKSUM + " is " + settings.caChecksum() + "."
                    + " Refusing to connect: either the server's CA changed or something between here and the server"
                    + " is intercepting the connection. Get a fresh import command from Drover and apply it again,"
                    + " or correct " + AgentSettings.CA_CHECKSUM + ".");
        }
        return pem;
    }

    static int port(URI server) {
        return server.getPort() > 0 ? server.getPort() : 443;
    }
}
