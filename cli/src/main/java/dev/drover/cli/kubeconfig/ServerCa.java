package dev.drover.cli.kubeconfig;

import dev.drover.cli.CliException;
import dev.drover.cli.ExitCodes;
import dev.drover.tunnel.protocol.CaChecksum;
import dev.drover.tunnel.protocol.TunnelEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The server CA PEM for a kubeconfig's proxy contexts, fetched the way agents fetch it: over a connection
 * not yet trusted, then accepted only if its SHA-256 is the fingerprint the user was given.
 */
final class ServerCa {

    private ServerCa() {
    }

    static String fetch(URI server, String fingerprint) throws IOException, InterruptedException {
        HttpClient client;
        try {
            SSLContext unverified = SSLContext.getInstance("TLS");
            unverified.init(null, new TrustManager[] {new AnyCertificate()}, new SecureRandom());
            client = HttpClient.newBuilder().sslContext(unverified).connectTimeout(Duration.ofSeconds(10)).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("https://" + server.getRawAuthority() + TunnelEndpoints.CA_CERTS_PATH)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !CaChecksum.matches(response.body(), fingerprint.strip())) {
            throw new CliException(ExitCodes.NO_PERMISSION, "The CA served by " + server + " does not match --fingerprint; nothing was written.");
        }
        return response.body();
    }

    /** Only for reading the public CA before checking its fingerprint; nothing secret travels on it. */
    private static final class AnyCertificate implements X509TrustManager {
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
    }
}
