package dev.drover.engine.downstream;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.fabric8.kubernetes.client.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Builds Drover's fabric8 clients. Never reads {@code ~/.kube/config}, the environment or system
 * properties ({@link Config#empty()}): the server's own kubeconfig must not leak into downstream calls.
 */
public final class KubernetesConfigs {

    /** Long enough for a big list through a tunnel, short enough that a dead cluster is noticed. */
    static final int REQUEST_TIMEOUT_MILLIS = 15_000;
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private KubernetesConfigs() {
    }

    /**
     * A client for the API server at {@code masterUrl}.
     *
     * @param tokens        supplies the bearer token on every request, so a rotated token is picked up
     * @param caCertPem     CA to trust; empty for the JDK's roots
     * @param tlsServerName the name the API server's certificate carries when {@code masterUrl} names
     *                      another host (a loopback port in front of a tunnel); {@code null} otherwise
     */
    public static KubernetesClient client(HttpClient.Factory httpClients, String masterUrl, OAuthTokenProvider tokens,
                                          String caCertPem, String tlsServerName) {
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl(masterUrl)
                .withOauthTokenProvider(tokens)
                .withRequestTimeout(REQUEST_TIMEOUT_MILLIS)
                .withConnectionTimeout(CONNECT_TIMEOUT_MILLIS)
                // reconcilers retry on their own schedule; fabric8's retries would only hide an outage
                .withRequestRetryBackoffLimit(0);
        if (caCertPem != null && !caCertPem.isBlank()) {
            config.withCaCertData(Base64.getEncoder().encodeToString(caCertPem.getBytes(StandardCharsets.US_ASCII)));
        }
        if (tlsServerName != null) {
            config.withTlsServerName(tlsServerName);
        }
        return new KubernetesClientBuilder().withConfig(config.build()).withHttpClientFactory(httpClients).build();
    }
}
