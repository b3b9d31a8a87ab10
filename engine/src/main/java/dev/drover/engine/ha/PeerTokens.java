package dev.drover.engine.ha;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret a replica presents on its peer links. Each replica makes a fresh one at start and publishes
 * only its SHA-256 in its membership key, so whoever reads etcd learns nothing that opens a peer link;
 * the token itself lives in that replica's memory alone.
 */
public final class PeerTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PeerTokens() {
    }

    /** 256 random bits, URL-safe. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static boolean matches(String token, String expectedHash) {
        if (token == null || expectedHash == null || expectedHash.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII), expectedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
