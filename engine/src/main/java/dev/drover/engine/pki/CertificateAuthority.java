package dev.drover.engine.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An ECDSA P-256 certificate authority: generates itself, issues server certificates with SANs, and
 * persists as two PEM files. Reused by the tunnel server now and the RKE provisioner later.
 * Thread-safe (immutable).
 */
public final class CertificateAuthority {

    public static final String CERT_FILE = "ca.pem";
    public static final String KEY_FILE = "ca-key.pem";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey key;

    public CertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** A new self-signed ECDSA P-256 CA valid for {@code validity}. */
    public static CertificateAuthority generate(String commonName, Duration validity) {
        return generate(new X500Name("CN=" + commonName + ",O=Drover"), validity, KeyAlgorithm.ECDSA_P256);
    }

    /** A new self-signed CA with exactly this subject and key type (RKE's CAs are named just {@code CN=kube-ca}). */
    public static CertificateAuthority generate(X500Name name, Duration validity, KeyAlgorithm algorithm) {
        KeyPair pair = algorithm.newKeyPair();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(name, name, validity, pair)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            return new CertificateAuthority(sign(builder, pair.getPrivate()), pair.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot create a CA: " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@value #CERT_FILE} and {@value #KEY_FILE} from {@code directory}, or creates them (key
     * readable by the owner only) on first use, so the CA and its checksum survive restarts.
     */
    public static CertificateAuthority loadOrCreate(Path directory, String commonName) {
        Path certFile = directory.resolve(CERT_FILE);
        Path keyFile = directory.resolve(KEY_FILE);
        try {
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                return new CertificateAuthority(Pem.certificate(Files.readString(certFile)), Pem.privateKey(Files.readString(keyFile)));
            }
            Files.createDirectories(directory);
            CertificateAuthority ca = generate(commonName, Duration.ofDays(3650));
            Path tmpKey = Files.createTempFile(directory, "ca-key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmpKey, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's ACL protects the key
            }
            Files.writeString(tmpKey, Pem.encode(ca.key), StandardCharsets.US_ASCII);
            Files.move(tmpKey, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(certFile, ca.certificatePem(), StandardCharsets.US_ASCII);
            return ca;
        } catch (IOException e) {
            throw new PkiException("cannot read or write the CA in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Issues a TLS server certificate; each of {@code names} becomes an IP or DNS SAN as it parses.
     */
    public IssuedCertificate issueServer(String commonName, Collection<String> names, Duration validity) {
        return issue(new CertificateRequest(commonName, List.of("Drover"), List.copyOf(names), true, false, KeyAlgorithm.ECDSA_P256, validity));
    }

    /** Issues a leaf certificate as the request says (subject, SANs, server and/or client use, key type). */
    public IssuedCertificate issue(CertificateRequest request) {
        KeyPair pair = request.keyAlgorithm().newKeyPair();
        List<GeneralName> sans = new ArrayList<>();
        for (String n : request.names()) {
            sans.add(isIpAddress(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        StringBuilder subject = new StringBuilder("CN=").append(escape(request.commonName()));
        request.organizations().forEach(o -> subject.append(",O=").append(escape(o)));
        List<KeyPurposeId> purposes = new ArrayList<>();
        if (request.server()) {
            purposes.add(KeyPurposeId.id_kp_serverAuth);
        }
        if (request.client()) {
            purposes.add(KeyPurposeId.id_kp_clientAuth);
        }
        int usage = KeyUsage.digitalSignature | (request.keyAlgorithm() == KeyAlgorithm.RSA_2048 ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                    new X500Name(subject.toString()), request.validity(), pair)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
            if (!sans.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            return new IssuedCertificate(sign(builder, key), pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot issue a certificate for " + request.commonName() + ": " + e.getMessage(), e);
        }
    }

    /** The CA's private key as PEM (for cluster.rkestate, which carries the CA key like RKE's). */
    public String keyPem() {
        return Pem.encode(key);
    }

    private static String escape(String rdnValue) {
        return rdnValue.replaceAll("([,+\"\\\\<>;=])", "\\\\$1");
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate as PEM, exactly the text the CA checksum covers. */
    public String certificatePem() {
        return Pem.encode(certificate);
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, Duration validity, KeyPair pair) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, pair.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(KeyAlgorithm.of(signer).signatureAlgorithm()).build(signer)));
        } catch (OperatorCreationException e) {
            throw new PkiException("cannot sign: " + e.getMessage(), e);
        }
    }

    private static boolean isIpAddress(String name) {
        if (!name.matches("[0-9.]+") && !name.contains(":")) {
            return false;
        }
        try {
            InetAddress.ofLiteral(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
