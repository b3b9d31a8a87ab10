package dev.drover.engine.downstream;

/**
 * What Drover presents to a downstream API server, and how it recognises that server: a bearer token
 * (registered direct clusters) or a client certificate (clusters Drover built itself, whose kube-admin
 * certificate is the only account they have at first).
 *
 * @param bearerToken   the token sent as {@code Authorization: Bearer}; empty with a client certificate; never logged
 * @param caCertPem     the CA that signed the API server's certificate; empty to use the JDK's trusted roots
 * @param clientCertPem the client certificate presented in the TLS handshake; empty for token auth
 * @param clientKeyPem  its private key (PEM); empty for token auth; never logged
 */
public record DownstreamCredential(String bearerToken, String caCertPem, String clientCertPem, String clientKeyPem) {
    public DownstreamCredential {
        // null for fields a credential file written before client certificates does not have
        bearerToken = bearerToken == null ? "" : bearerToken;
        caCertPem = caCertPem == null ? "" : caCertPem;
        clientCertPem = clientCertPem == null ? "" : clientCertPem;
        clientKeyPem = clientKeyPem == null ? "" : clientKeyPem;
        if (clientCertPem.isEmpty() != clientKeyPem.isEmpty()) {
            throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
        }
        if (bearerToken.isEmpty() && clientCertPem.isEmpty()) {
            throw new IllegalArgumentException("a downstream credential needs a bearer token or a client certificate");
        }
    }

    /** Token auth. */
    public DownstreamCredential(String bearerToken, String caCertPem) {
        this(java.util.Objects.requireNonNull(bearerToken, "bearerToken"), caCertPem, "", "");
    }

    /** Client-certificate auth, e.g. RKE's kube-admin. */
    public static DownstreamCredential clientCertificate(String certificatePem, String keyPem, String caCertPem) {
        return new DownstreamCredential("", caCertPem, certificatePem, keyPem);
    }

    public boolean hasClientCertificate() {
        return !clientCertPem.isEmpty();
    }

    @Override
    public String toString() {
        return "DownstreamCredential[bearerToken=" + (bearerToken.isEmpty() ? "none" : "<hidden>")
                + ", caCertPem=" + (caCertPem.isEmpty() ? "none" : "set")
                + ", clientCert=" + (clientCertPem.isEmpty() ? "none" : "set") + ", clientKey=" + (clientKeyPem.isEmpty() ? "none" : "<hidden>") + "]";
    }
}
