package dev.drover.engine.pki;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to put in a leaf certificate.
 *
 * @param commonName    subject CN (Kubernetes: the user name)
 * @param organizations subject O values (Kubernetes: the groups, e.g. system:masters)
 * @param names         SANs; each becomes an IP or DNS name as it parses
 * @param server        usable as a TLS server certificate
 * @param client        usable as a TLS client certificate
 * @param keyAlgorithm  key type of the new certificate
 * @param validity      how long it is valid
 */
public record CertificateRequest(String commonName, List<String> organizations, List<String> names, boolean server, boolean client,
                                 KeyAlgorithm keyAlgorithm, Duration validity) {

    public CertificateRequest {
        Objects.requireNonNull(commonName, "commonName");
        organizations = List.copyOf(organizations);
        names = List.copyOf(names);
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(validity, "validity");
        if (!server && !client) {
            throw new IllegalArgumentException("a certificate must be for a server, a client or both");
        }
    }

    public static CertificateRequest client(String commonName, List<String> organizations, KeyAlgorithm algorithm, Duration validity) {
        return new CertificateRequest(commonName, organizations, List.of(), false, true, algorithm, validity);
    }
}
