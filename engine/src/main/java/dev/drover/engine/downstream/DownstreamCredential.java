package dev.drover.engine.downstream;

import java.util.Objects;

/**
 * What Drover presents to a downstream API server, and how it recognises that server.
 *
 * @param bearerToken the token sent as {@code Authorization: Bearer}; never logged
 * @param caCertPem   the CA that signed the API server's certificate; empty to use the JDK's trusted roots
 */
public record DownstreamCredential(String bearerToken, String caCertPem) {
    public DownstreamCredential {
        Objects.requireNonNull(bearerToken, "bearerToken");
        caCertPem = caCertPem == null ? "" : caCertPem;
    }

    @Override
    public String toString() {
        return "DownstreamCredential[bearerToken=<hidden>, caCertPem=" + (caCertPem.isEmpty() ? "none" : "set") + "]";
    }
}
