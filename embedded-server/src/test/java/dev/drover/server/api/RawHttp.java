package dev.drover.server.api;

import dev.drover.server.DroverServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;

/** Plain HTTP calls to a server over TLS trusting its CA, to see exactly what goes over the wire. */
public final class RawHttp {

    private RawHttp() {
    }

    public record Response(int status, String body, String wwwAuthenticate) { }

    public static Response call(DroverServer server, HttpMethod method, String path, String bearer, String body) {
        var client = server.vertx().createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(server.caPem()))));
        try {
            RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(server.url() + path);
            if (bearer != null) {
                options.addHeader("Authorization", "Bearer " + bearer);
            }
            if (body != null) {
                options.addHeader("Content-Type", "application/json");
            }
            return client.request(options)
                    .compose(r -> (body == null ? r.send() : r.send(body)).compose(response -> response.body()
                            .map(b -> new Response(response.statusCode(), b.toString(StandardCharsets.UTF_8),
                                    response.getHeader("WWW-Authenticate")))))
                    .await();
        } finally {
            client.close().await();
        }
    }
}
