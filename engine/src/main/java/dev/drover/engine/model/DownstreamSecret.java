package dev.drover.engine.model;

import java.util.Objects;

/**
 * Drover's own credential for a {@code DIRECT} or provisioned ({@code RKE}) cluster, kept in the shared
 * store (kind {@value #KIND}, name = cluster id) so that every server replica can reach the cluster, not
 * only the one it was created through. The secret parts — bearer token and client key — are sealed with the
 * installation key ({@code engine.credential.SecretCipher}); the CA and client certificate are public.
 *
 * @param clusterId       the cluster
 * @param caCertPem       CA of the API server; empty to use the JVM's trust store
 * @param clientCertPem   client certificate; empty for token auth
 * @param sealedToken     the bearer token, sealed; empty for certificate auth
 * @param sealedClientKey the client certificate's private key (PEM), sealed; empty for token auth
 */
public record DownstreamSecret(String clusterId, String caCertPem, String clientCertPem, String sealedToken, String sealedClientKey) {

    public static final String KIND = "DownstreamSecret";

    public DownstreamSecret {
        Objects.requireNonNull(clusterId, "clusterId");
        caCertPem = caCertPem == null ? "" : caCertPem;
        clientCertPem = clientCertPem == null ? "" : clientCertPem;
        sealedToken = sealedToken == null ? "" : sealedToken;
        sealedClientKey = sealedClientKey == null ? "" : sealedClientKey;
    }

    /** Hides the sealed parts from logs. */
    @Override
    public String toString() {
        return "DownstreamSecret[" + clusterId + "]";
    }
}
