package dev.drover.engine.api;

import dev.drover.tunnel.protocol.CaChecksum;
import dev.drover.tunnel.protocol.TunnelEndpoints;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Pins a server's CA, as the agents do: fetch {@code /cacerts} without trusting anything (the fetch
 * cannot verify the server — that is what the CA is for), check its fingerprint, then build a TLS
 * context that trusts that CA alone. Hostnames are verified against it as usual.
 */
final class PinnedTls {

    private PinnedTls() {
    }

    /** A TLS context trusting only the server's CA, once the pin accepts it; else UNTRUSTED. Blocking. */
    static SSLContext pin(URI server, CaPin pin, Duration timeout) {
        String pem = fetchCa(server, timeout);
        String actual = CaChecksum.of(pem);
        if (pin.expected() != null) {
            if (!CaChecksum.matches(pem, pin.expected())) {
                throw new ApiException(ApiException.Reason.UNTRUSTED, "The server at " + server + " presented a CA with fingerprint "
                        + actual + ", but fingerprint " + pin.expected().toLowerCase(java.util.Locale.ROOT) + " was expected."
                        + " Refusing to connect: either the server's CA changed or something between here and the server is"
                        + " intercepting the connection. Check the fingerprint 'drover server' printed.");
            }
        } else if (!pin.accepts(actual)) {
            throw new ApiException(ApiException.Reason.UNTRUSTED, "The server at " + server + " presented a CA with fingerprint "
                    + actual + ", which was not accepted. Nothing was sent to it.");
        }
        return trustingOnly(pem);
    }

    private static String fetchCa(URI server, Duration timeout) {
        try (HttpClient client = HttpClient.newBuilder().sslContext(trustingAnything()).connectTimeout(timeout).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.resolve(TunnelEndpoints.CA_CERTS_PATH))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
            if (response.statusCode() != 200) {
                throw new ApiException(ApiException.Reason.UNAVAILABLE, server + " answered " + response.statusCode()
                        + " for " + TunnelEndpoints.CA_CERTS_PATH + ": is it a Drover server?");
            }
            return response.body();
        } catch (IOException e) {
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "Cannot reach the server at " + server + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "Interrupted while connecting to " + server + ".", e);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static SSLContext trustingOnly(String pem) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                anchors.setCertificateEntry("drover-ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new ApiException(ApiException.Reason.UNTRUSTED, "The server's " + TunnelEndpoints.CA_CERTS_PATH + " holds no certificate.");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ApiException(ApiException.Reason.UNTRUSTED, "The server's CA certificate cannot be used: " + describe(e), e);
        }
    }

    /** Only for fetching the CA, whose content the fingerprint then vouches for. */
    private static SSLContext trustingAnything() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no TLS", e);
        }
    }
}
