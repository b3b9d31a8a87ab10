package dev.drover.engine.ha;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Optional;

/**
 * Which replica owns a cluster id, by rendezvous (highest-random-weight) hashing: every replica scores
 * every id and the highest score wins. All replicas that see the same member set agree without talking
 * to each other, load spreads evenly, and when a replica leaves only its own ids move (each to its
 * runner-up), when one joins it takes about 1/n of the ids and nothing else moves. SHA-256 rather than
 * {@code hashCode} so the answer does not depend on the JVM.
 */
public final class HashRing {

    private HashRing() {
    }

    /** The owner of {@code key} among {@code replicas}, or empty when there are none. Pure; any thread. */
    public static Optional<String> owner(Collection<String> replicas, String key) {
        String best = null;
        long bestScore = 0;
        for (String replica : replicas) {
            long score = score(replica, key);
            if (best == null || Long.compareUnsigned(score, bestScore) > 0
                    || (score == bestScore && replica.compareTo(best) < 0)) {
                best = replica;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    static long score(String replica, String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(replica.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            byte[] hash = digest.digest(key.getBytes(StandardCharsets.UTF_8));
            long score = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                score = (score << 8) | (hash[i] & 0xff);
            }
            return score;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
