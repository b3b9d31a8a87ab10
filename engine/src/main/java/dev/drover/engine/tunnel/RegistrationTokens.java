package dev.drover.engine.tunnel;

import dev.drover.engine.model.ClusterRegistrationToken;
import dev.drover.engine.store.InvalidRequestException;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.tunnel.protocol.TunnelEndpoints;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Cluster registration tokens: {@code <id>.<secret>}, the id naming a {@link ClusterRegistrationToken}
 * in the store, which keeps only a salted SHA-256 of the secret. Thread-safe; methods block on the store.
 */
public final class RegistrationTokens {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ID_LENGTH = 10;
    private static final int SECRET_LENGTH = 48;

    private final ResourceStore store;
    private final Clock clock;
    private final JsonCodec<ClusterRegistrationToken> codec = new JsonCodec<>(ClusterRegistrationToken.class);

    public RegistrationTokens(ResourceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Makes a new token for {@code clusterId} and returns it; this is the only time the secret exists in full. */
    public String create(String clusterId) {
        String id = random(ID_LENGTH);
        String secret = random(SECRET_LENGTH);
        String salt = HexFormat.of().formatHex(bytes(16));
        ClusterRegistrationToken token = new ClusterRegistrationToken(clusterId, salt, hash(salt, secret), clock.instant());
        store.create(ObjectKey.of(ClusterRegistrationToken.KIND, id), Map.of("cluster", clusterId), codec.encode(token));
        return id + "." + secret;
    }

    /** The cluster a presented token belongs to; empty for anything unknown, revoked or malformed. */
    public Optional<String> clusterFor(String presented) {
        if (presented == null || !presented.matches("[a-z0-9]{" + ID_LENGTH + "}\\.[a-z0-9]{" + SECRET_LENGTH + "}")) {
            return Optional.empty();
        }
        String id = presented.substring(0, ID_LENGTH);
        String secret = presented.substring(ID_LENGTH + 1);
        try {
            return store.get(ObjectKey.of(ClusterRegistrationToken.KIND, id))
                    .map(codec::decode)
                    .filter(token -> MessageDigest.isEqual(hash(token.salt(), secret).getBytes(StandardCharsets.US_ASCII),
                            token.secretHash().getBytes(StandardCharsets.US_ASCII)))
                    .map(ClusterRegistrationToken::clusterId);
        } catch (InvalidRequestException e) {
            return Optional.empty();
        }
    }

    /**
     * The authorizer for {@link TunnelServer}: the token header names the cluster, the node header
     * (node agents only, a DNS-1123 name) the node.
     */
    public TunnelAuthorizer authorizer() {
        return headers -> {
            String node = headers.get(TunnelEndpoints.NODE_HEADER);
            if (node != null && !node.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
                return Optional.empty();
            }
            return clusterFor(headers.get(TunnelEndpoints.TOKEN_HEADER)).map(cluster -> new AgentIdentity(cluster, node));
        };
    }

    private static String hash(String salt, String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
