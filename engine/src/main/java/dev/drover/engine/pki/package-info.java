/**
 * Certificates: an ECDSA P-256 {@link dev.drover.engine.pki.CertificateAuthority} that issues server
 * certificates with SANs, and PEM in and out. Used by the tunnel server now and the RKE provisioner later.
 */
package dev.drover.engine.pki;
