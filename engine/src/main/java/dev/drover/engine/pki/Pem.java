package dev.drover.engine.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM text in and out: certificates, and private keys as PKCS#8 ({@code PRIVATE KEY}). */
public final class Pem {

    private Pem() {
    }

    public static String encode(X509Certificate certificate) {
        return write(certificate);
    }

    /** PKCS#8, the form Vert.x, Go and OpenSSL all read. */
    public static String encode(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new PkiException("cannot encode the private key: " + e.getMessage(), e);
        }
    }

    /** The first certificate in {@code pem}. */
    public static X509Certificate certificate(String pem) {
        Object object = read(pem);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new PkiException("PEM text holds no certificate");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new PkiException("PEM certificate is not valid: " + e.getMessage(), e);
        }
    }

    /** The private key in {@code pem}, PKCS#8 or a traditional EC/RSA key. */
    public static PrivateKey privateKey(String pem) {
        Object object = read(pem);
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return switch (object) {
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
                case null, default -> throw new PkiException("PEM text holds no private key");
            };
        } catch (IOException e) {
            throw new PkiException("PEM private key is not valid: " + e.getMessage(), e);
        }
    }

    private static Object read(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return parser.readObject();
        } catch (IOException e) {
            throw new PkiException("not valid PEM: " + e.getMessage(), e);
        }
    }

    private static String write(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new PkiException("cannot write PEM: " + e.getMessage(), e);
        }
        return out.toString();
    }
}
