package dev.drover.engine.downstream;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
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
    /**
     * One Jackson mapping for every client: each new mapper introspects the whole Kubernetes model again
     * and keeps about 4 MiB of caches, which was most of the heap a followed cluster cost (BENCHMARKS-scale.md).
     */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

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
        return build(httpClients, config(masterUrl, caCertPem, tlsServerName).withOauthTokenProvider(tokens));
    }

    /** A client for the API server at {@code masterUrl} that presents {@code credential}: its token or its client certificate. */
    public static KubernetesClient client(HttpClient.Factory httpClients, String masterUrl, DownstreamCredential credential) {
        return build(httpClients, withCredential(config(masterUrl, credential.caCertPem(), null), credential));
    }

    /** The fabric8 configuration {@link #client(HttpClient.Factory, String, DownstreamCredential)} uses; tests inspect it. */
    static Config config(String masterUrl, DownstreamCredential credential) {
        return withCredential(config(masterUrl, credential.caCertPem(), null), credential).build();
    }

    private static ConfigBuilder withCredential(ConfigBuilder config, DownstreamCredential credential) {
        if (credential.hasClientCertificate()) {
            // RKE issues ECDSA keys by default; fabric8 would otherwise read a PKCS#8 key as RSA
            return config.withClientCertData(base64(credential.clientCertPem()))
                    .withClientKeyData(base64(credential.clientKeyPem()))
                    .withClientKeyAlgo(keyAlgorithm(credential.clientKeyPem()));
        }
        String token = credential.bearerToken();
        return config.withOauthTokenProvider(() -> token);
    }

    /** The key algorithm fabric8 needs to read a PEM private key, from what the key says it is. */
    static String keyAlgorithm(String keyPem) {
        if (keyPem.contains("BEGIN EC PRIVATE KEY")) {
            return "EC";
        }
        if (keyPem.contains("BEGIN RSA PRIVATE KEY")) {
            return "RSA";
        }
        try {
            // BouncyCastle names EC keys "ECDSA"; fabric8 asks the JDK's KeyFactory, which knows them as "EC"
            return dev.drover.engine.pki.Pem.privateKey(keyPem).getAlgorithm().startsWith("EC") ? "EC" : "RSA";
        } catch (RuntimeException unreadable) {
            return "RSA"; // fabric8's own default; it reports an unreadable key when the client is built
        }
    }

    private static ConfigBuilder config(String masterUrl, String caCertPem, String tlsServerName) {
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl(masterUrl)
                .withRequestTimeout(REQUEST_TIMEOUT_MILLIS)
                .withConnectionTimeout(CONNECT_TIMEOUT_MILLIS)
                // reconcilers retry on their own schedule; fabric8's retries would only hide an outage
                .withRequestRetryBackoffLimit(0);
        if (caCertPem != null && !caCertPem.isBlank()) {
            config.withCaCertData(base64(caCertPem));
        }
        if (tlsServerName != null) {
            config.withTlsServerName(tlsServerName);
        }
        return config;
    }

    private static KubernetesClient build(HttpClient.Factory httpClients, ConfigBuilder config) {
        return new KubernetesClientBuilder().withConfig(config.build()).withHttpClientFactory(httpClients)
                .withKubernetesSerialization(SERIALIZATION).build();
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
