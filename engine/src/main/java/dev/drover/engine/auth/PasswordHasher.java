package dev.drover.engine.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes passwords with Argon2id, memory-hard so a stolen store resists GPU guessing. Hashes are
 * PHC strings ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}), so parameters can be raised later and
 * old hashes still verify. Defaults follow OWASP's minimum (19 MiB, 2 passes, 1 lane).
 */
public final class PasswordHasher {

    /** Argon2id cost. */
    public record Cost(int memoryKib, int iterations, int parallelism) {
        public static final Cost OWASP_MINIMUM = new Cost(19 * 1024, 2, 1);

        public Cost {
            if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("invalid Argon2 cost " + memoryKib + "/" + iterations + "/" + parallelism);
            }
        }
    }

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Cost cost;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(Cost cost) {
        this.cost = cost;
    }

    public PasswordHasher() {
        this(Cost.OWASP_MINIMUM);
    }

    /** A new PHC string for {@code password}, with a fresh random salt. CPU- and memory-heavy (~50 ms). */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, cost, HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code phc}; a malformed hash never matches. Constant-time compare. */
    public boolean verify(char[] password, String phc) {
        if (phc == null) {
            return false;
        }
        String[] parts = phc.split("\\$", -1);
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        try {
            Cost stored = parseCost(parts[3]);
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            if (expected.length < 16 || salt.length < 8) {
                return false;
            }
            return MessageDigest.isEqual(expected, derive(password, salt, stored, expected.length));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a stored hash uses weaker parameters than this hasher's and should be re-hashed at next login. */
    public boolean needsRehash(String phc) {
        String[] parts = phc == null ? new String[0] : phc.split("\\$", -1);
        if (parts.length != 6) {
            return true;
        }
        try {
            Cost stored = parseCost(parts[3]);
            return stored.memoryKib() < cost.memoryKib() || stored.iterations() < cost.iterations();
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static Cost parseCost(String text) {
        int m = -1;
        int t = -1;
        int p = -1;
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("bad cost " + text);
            }
            int value = Integer.parseInt(kv[1]);
            switch (kv[0]) {
                case "m" -> m = value;
                case "t" -> t = value;
                case "p" -> p = value;
                default -> throw new IllegalArgumentException("bad cost " + text);
            }
        }
        if (m > 4 * 1024 * 1024 || t > 100 || p > 64) {
            throw new IllegalArgumentException("cost out of range " + text); // refuse hashes built to exhaust us
        }
        return new Cost(m, t, p);
    }

    private static byte[] derive(char[] password, byte[] salt, Cost cost, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        byte[] utf8 = toUtf8(password);
        try {
            generator.generateBytes(utf8, out);
        } finally {
            java.util.Arrays.fill(utf8, (byte) 0);
        }
        return out;
    }

    private static byte[] toUtf8(char[] password) {
        var buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            java.util.Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }
}
