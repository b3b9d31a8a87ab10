package dev.drover.engine.credential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with one key kept in a file of the data directory ({@value #KEY_FILE}, owner-only). Each
 * seal uses a fresh 96-bit nonce, stored in front of the ciphertext; the caller's {@code context} (e.g.
 * the store key) is authenticated as associated data, so a sealed value copied onto another object does
 * not open. Thread-safe.
 *
 * <p>Why a key file rather than a passphrase: the server starts unattended; the file is as safe as the
 * data directory, and a stolen database alone (backups, a copied {@code drover.db}) reveals nothing.
 */
public final class SecretCipher {

    public static final String KEY_FILE = "secrets.key";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        Arrays.fill(key, (byte) 0);
    }

    /** A cipher with a key held only in memory (tests). */
    public static SecretCipher ephemeral() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new SecretCipher(key);
    }

    /**
     * Reads {@value #KEY_FILE} from {@code dataDirectory}, or creates it (mode 0600 from its first byte)
     * on first use. A key file that is not 32 bytes fails rather than being replaced: replacing it would
     * make every sealed credential unreadable.
     */
    public static SecretCipher loadOrCreate(Path dataDirectory) {
        Path file = dataDirectory.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] bytes = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (bytes.length != 32) {
                throw new IllegalStateException("The key file " + file + " is damaged (not a 256-bit key); restore it from a backup.");
            }
            return new SecretCipher(bytes);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read or create the key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Files.createDirectories(file.getParent());
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file); // Windows: the data directory's ACL protects it
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException raced) {
            // another process created it first: use theirs
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Seals {@code plain}, bound to {@code context}; returns base64 of nonce and ciphertext. */
    public String seal(String plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
    }

    /**
     * Opens what {@link #seal} produced with the same {@code context}. Fails with
     * {@link IllegalStateException} when the value was altered, sealed for another context or under
     * another key; the message never contains the secret.
     */
    public String open(String sealed, String context) {
        byte[] in;
        try {
            in = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The sealed secret for " + context + " is not base64.", e);
        }
        if (in.length <= NONCE_BYTES) {
            throw new IllegalStateException("The sealed secret for " + context + " is truncated.");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("The sealed secret for " + context
                    + " does not open with this data directory's key (altered, or sealed elsewhere).", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
    }
}
