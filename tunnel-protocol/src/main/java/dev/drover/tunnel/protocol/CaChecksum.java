package dev.drover.tunnel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The CA checksum agents pin before trusting a server: the lower-case hex SHA-256 of the server
 * CA certificate exactly as served in PEM form (as Rancher's {@code CATTLE_CA_CHECKSUM}).
 * Server and agents must compute it the same way, which is why it lives in the shared protocol.
 */
public final class CaChecksum {

    private CaChecksum() {
    }

    /** Checksum of the PEM text as the server serves it, byte for byte. */
    public static String of(String caPem) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(caPem.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Whether a user-supplied checksum (any case, surrounding blanks allowed) names this PEM.
     * Compared in constant time so a probe learns nothing from timing.
     */
    public static boolean matches(String caPem, String expectedHex) {
        if (expectedHex == null) {
            return false;
        }
        String expected = expectedHex.strip().toLowerCase(Locale.ROOT);
        return MessageDigest.isEqual(
                of(caPem).getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether the text has the form of a checksum at all: 64 hex digits. */
    public static boolean isWellFormed(String hex) {
        return hex != null && hex.strip().matches("[0-9a-fA-F]{64}");
    }
}
