package dev.drover.engine.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** The key types Drover issues: ECDSA P-256 by default, RSA 2048 where a consumer needs RSA. */
public enum KeyAlgorithm {
    ECDSA_P256("SHA256withECDSA"),
    RSA_2048("SHA256withRSA");

    private static final SecureRandom RANDOM = new SecureRandom();
    private final String signatureAlgorithm;

    KeyAlgorithm(String signatureAlgorithm) {
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The JCA name of the signature this key type makes. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** A fresh key pair of this type. */
    public KeyPair newKeyPair() {
        try {
            if (this == RSA_2048) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, RANDOM);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("this JDK cannot make " + this + " keys: " + e.getMessage(), e);
        }
    }

    /** The algorithm of an existing key pair's private key. */
    public static KeyAlgorithm of(java.security.PrivateKey key) {
        return "RSA".equals(key.getAlgorithm()) ? RSA_2048 : ECDSA_P256;
    }
}
