package dev.drover.engine.auth;

import dev.drover.engine.model.Token;
import dev.drover.engine.model.User;
import dev.drover.engine.store.ConflictException;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.LabelSelector;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.NotFoundException;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Issues and checks API tokens of the form {@code token-xxxxx:secret}. Secrets are 256 random bits,
 * so a salted SHA-256 is enough at rest (a slow hash would only slow every API request); the salt
 * keeps equal secrets apart and the comparison is constant-time. Thread-safe; blocking (store I/O).
 */
public final class TokenService {

    /** {@code lastUsedAt} is written at most this often per token, so reads don't become writes. */
    static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final HexFormat HEX = HexFormat.of();

    private final ResourceStore store;
    private final Clock clock;
    private final Function<String, Optional<User>> users;
    private final JsonCodec<Token> codec = new JsonCodec<>(Token.class);
    private final SecureRandom random = new SecureRandom();
    private final List<Consumer<String>> revocationListeners = new CopyOnWriteArrayList<>();

    /**
     * @param users looks a user up by name, to refuse tokens of disabled or deleted users
     */
    public TokenService(ResourceStore store, Clock clock, Function<String, Optional<User>> users) {
        this.store = store;
        this.clock = clock;
        this.users = users;
    }

    /** Issues a token for an authenticated principal. */
    public IssuedToken issue(Principal principal, TokenRequest request) {
        Instant now = clock.instant();
        String id = newId();
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = HexFormat.of().formatHex(secretBytes);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Instant expiresAt = request.ttl() == null ? null : now.plus(request.ttl());
        Token token = new Token(id, principal.username(), principal.provider(), principal.groups(), HEX.formatHex(salt),
                hash(salt, secret), now, expiresAt, request.idleTimeout(), now, request.clusterId(), request.description(), true);
        Map<String, String> labels = Map.of("user", principal.username());
        store.create(ObjectKey.of(Token.KIND, id), labels, codec.encode(token));
        return new IssuedToken(id, id + ":" + secret, expiresAt);
    }

    /**
     * Checks a bearer token. {@code clusterId} is the cluster the request goes to, or {@code null} for
     * the management API. Throws {@link AuthenticationException} (401) for anything invalid, expired,
     * idle, revoked or belonging to a disabled user, and {@link ForbiddenException} (403) for a
     * cluster-scoped token used elsewhere.
     */
    public TokenIdentity authenticate(String bearer, String clusterId) {
        int colon = bearer == null ? -1 : bearer.indexOf(':');
        if (colon <= 0 || colon == bearer.length() - 1 || !bearer.startsWith("token-")) {
            throw new AuthenticationException("Invalid token.");
        }
        String id = bearer.substring(0, colon);
        String secret = bearer.substring(colon + 1);
        StoredObject stored = store.get(ObjectKey.of(Token.KIND, id))
                .orElseThrow(() -> new AuthenticationException("Invalid token."));
        Token token = codec.decode(stored);
        byte[] expected = token.secretHash().getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(HEX.parseHex(token.salt()), secret).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new AuthenticationException("Invalid token.");
        }
        checkAlive(token);
        if (token.isClusterScoped() && !token.clusterId().equals(clusterId)) {
            throw new ForbiddenException("Token " + token.id() + " is scoped to cluster " + token.clusterId()
                    + " and cannot be used " + (clusterId == null ? "for the management API." : "for cluster " + clusterId + "."));
        }
        touch(stored, token);
        boolean admin = users.apply(token.username()).map(User::admin).orElse(false);
        return new TokenIdentity(token.id(), token.username(), token.provider(), token.groups(), admin, token.clusterId());
    }

    private void checkAlive(Token token) {
        Instant now = clock.instant();
        if (!token.enabled()) {
            throw new AuthenticationException("Token " + token.id() + " was revoked.");
        }
        if (token.expiresAt() != null && !now.isBefore(token.expiresAt())) {
            throw new AuthenticationException("Token " + token.id() + " expired at " + token.expiresAt() + ".");
        }
        if (token.idleTimeout() != null && !now.isBefore(token.lastUsedAt().plus(token.idleTimeout()))) {
            throw new AuthenticationException("Token " + token.id() + " expired after being unused for " + token.idleTimeout() + ".");
        }
        Optional<User> user = users.apply(token.username());
        if (user.isEmpty() || !user.get().enabled()) {
            throw new AuthenticationException("The user of token " + token.id() + " is disabled or deleted.");
        }
    }

    private void touch(StoredObject stored, Token token) {
        Instant now = clock.instant();
        if (Duration.between(token.lastUsedAt(), now).compareTo(LAST_USED_GRANULARITY) < 0) {
            return;
        }
        try {
            store.update(stored.key(), stored.revision(), stored.labels(), codec.encode(token.withLastUsedAt(now)));
        } catch (ConflictException | NotFoundException raced) {
            // a concurrent request touched or revoked it; either way this request was valid when checked
        }
    }

    /**
     * {@code listener} hears the id of every token revoked through this service, on the revoking thread,
     * after the store write and before {@link #revoke} returns, so caches of validations (the auth
     * proxy's) can drop it before the caller sees the revocation done. Must return fast.
     */
    public void addRevocationListener(Consumer<String> listener) {
        revocationListeners.add(listener);
    }

    /** Revokes a token; it fails authentication from now on. Idempotent. */
    public void revoke(String tokenId) {
        ObjectKey key = ObjectKey.of(Token.KIND, tokenId);
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<StoredObject> stored = store.get(key);
            if (stored.isEmpty()) {
                return;
            }
            try {
                store.update(key, stored.get().revision(), stored.get().labels(),
                        codec.encode(codec.decode(stored.get()).revoked()));
                revocationListeners.forEach(listener -> listener.accept(tokenId));
                return;
            } catch (ConflictException retry) {
                // touched concurrently: read again
            }
        }
        throw new ConflictException("Token " + tokenId + " kept changing; revoke it again.");
    }

    /** A user's tokens (without secrets). */
    public List<Token> list(String username) {
        return store.list(new ListRequest(Token.KIND, null, LabelSelector.parse("user=" + username), 0, null))
                .items().stream().map(codec::decode).toList();
    }

    /** Deletes tokens that can never authenticate again (expired, idle or revoked); returns how many. */
    public int deleteDead() {
        int deleted = 0;
        for (StoredObject stored : store.list(ListRequest.all(Token.KIND)).items()) {
            try {
                checkAlive(codec.decode(stored));
            } catch (AuthenticationException dead) {
                try {
                    store.delete(stored.key(), stored.revision());
                    deleted++;
                } catch (ConflictException | NotFoundException raced) {
                    // changed meanwhile; the next sweep decides again
                }
            }
        }
        return deleted;
    }

    private String newId() {
        StringBuilder id = new StringBuilder("token-");
        for (int i = 0; i < 5; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private static String hash(byte[] salt, String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(secret.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
