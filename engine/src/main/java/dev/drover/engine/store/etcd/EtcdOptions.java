package dev.drover.engine.store.etcd;

import dev.drover.engine.store.InvalidRequestException;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.netty.GrpcSslContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the etcd cluster is and how to talk to it.
 *
 * @param endpoints       client URLs of the members ({@code http://} or, with TLS, {@code https://})
 * @param prefix          every key Drover writes starts with this, so one etcd can hold other data too
 * @param caCert          PEM CA to trust for the members' certificates; {@code null} for plain HTTP
 * @param clientCert      PEM client certificate for mutual TLS, or {@code null}
 * @param clientKey       PEM PKCS#8 key of {@code clientCert}, or {@code null}
 * @param requestTimeout  how long one request may take before the store reports etcd unavailable
 * @param maxWatchBacklog events a single watcher may fall behind before it is closed
 */
public record EtcdOptions(List<URI> endpoints, String prefix, Path caCert, Path clientCert, Path clientKey,
                          Duration requestTimeout, int maxWatchBacklog) {

    public static final String DEFAULT_PREFIX = "/drover";

    public EtcdOptions {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new InvalidRequestException("an etcd store needs at least one endpoint");
        }
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if ((clientCert == null) != (clientKey == null)) {
            throw new InvalidRequestException("an etcd client certificate needs its key and the key its certificate");
        }
    }

    /** Plain-HTTP members at these URLs, default prefix and timeouts. */
    public static EtcdOptions of(List<URI> endpoints) {
        return new EtcdOptions(endpoints, DEFAULT_PREFIX, null, null, null, Duration.ofSeconds(10), 100_000);
    }

    /**
     * Parses {@code etcd://host:port,host:port}: the form {@code drover server --store} takes. Members are
     * reached over HTTPS when {@code tls} is true (a CA is given), else over plain HTTP.
     */
    public static List<URI> parseEndpoints(String url, boolean tls) {
        String scheme = "etcd://";
        if (url == null || !url.startsWith(scheme) || url.length() == scheme.length()) {
            throw new InvalidRequestException("an etcd store is given as etcd://host:port[,host:port…], not \"" + url + "\"");
        }
        List<URI> endpoints = new ArrayList<>();
        for (String member : url.substring(scheme.length()).split(",", -1)) {
            String hostPort = member.strip();
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1 || !hostPort.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new InvalidRequestException("etcd member \"" + hostPort + "\" in " + url + " is not host:port");
            }
            endpoints.add(URI.create((tls ? "https://" : "http://") + hostPort));
        }
        return endpoints;
    }

    public EtcdOptions withPrefix(String value) {
        return new EtcdOptions(endpoints, value, caCert, clientCert, clientKey, requestTimeout, maxWatchBacklog);
    }

    public EtcdOptions withTls(Path ca, Path cert, Path key) {
        return new EtcdOptions(endpoints, prefix, ca, cert, key, requestTimeout, maxWatchBacklog);
    }

    public EtcdOptions withRequestTimeout(Duration value) {
        return new EtcdOptions(endpoints, prefix, caCert, clientCert, clientKey, value, maxWatchBacklog);
    }

    /** A new jetcd client; the caller closes it. */
    public Client connect() {
        ClientBuilder builder = Client.builder()
                .endpoints(endpoints.toArray(URI[]::new))
                .connectTimeout(Duration.ofSeconds(2))
                .keepaliveTime(Duration.ofSeconds(5))
                .keepaliveTimeout(Duration.ofSeconds(3))
                // jetcd retries idempotent calls itself; bounded so a dead cluster surfaces as a clear error
                .retryMaxDuration(requestTimeout)
                .waitForReady(false);
        if (caCert != null) {
            try {
                var ssl = GrpcSslContexts.forClient().trustManager(caCert.toFile());
                if (clientCert != null) {
                    ssl.keyManager(clientCert.toFile(), clientKey.toFile());
                }
                builder.sslContext(ssl.build());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the etcd TLS files " + caCert + ", " + clientCert
                        + ", " + clientKey + ": " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    /** The endpoints for messages (no credentials are part of them). */
    String describe() {
        return endpoints.toString();
    }
}
