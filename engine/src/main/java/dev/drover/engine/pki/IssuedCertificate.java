package dev.drover.engine.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A certificate with its key, as a CA issued it.
 *
 * @param certificate the leaf certificate
 * @param key         its private key
 * @param issuer      the CA certificate that signed it
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey key, X509Certificate issuer) {

    public String certificatePem() {
        return Pem.encode(certificate);
    }

    /** Leaf then CA, the chain a TLS server presents. */
    public String chainPem() {
        return Pem.encode(certificate) + Pem.encode(issuer);
    }

    public String keyPem() {
        return Pem.encode(key);
    }
}
