package dev.drover.engine.api;

/**
 * How Drover itself authenticates to a {@link ClusterKind#DIRECT} cluster's API server. Written to the
 * server's credential store, never echoed back by any call.
 *
 * @param bearerToken a service account token (or other bearer token) with the rights Drover's
 *                    reconcilers need
 * @param caCertPem   PEM of the CA that signed the API server's certificate; empty to use the JDK's
 *                    trusted roots (a publicly trusted endpoint)
 */
public record DirectCredential(String bearerToken, String caCertPem) {
    public DirectCredential {
        bearerToken = bearerToken == null ? "" : bearerToken.strip();
        caCertPem = caCertPem == null ? "" : caCertPem.strip();
    }

    /** Hides the token, so requests can be logged. */
    @Override
    public String toString() {
        return "DirectCredential[bearerToken=<hidden>, caCertPem=" + (caCertPem.isEmpty() ? "none" : "set") + "]";
    }
}
