package dev.drover.engine.authproxy;

import dev.drover.engine.auth.AuthenticationException;
import dev.drover.engine.auth.ForbiddenException;
import dev.drover.engine.auth.TokenIdentity;
import dev.drover.engine.auth.TokenService;
import dev.drover.engine.model.Token;
import dev.drover.engine.model.User;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoreInformer;
import dev.drover.engine.store.WatchEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Successful token validations, remembered briefly so that most proxied requests never touch the
 * (blocking) store. A miss runs {@link TokenService#authenticate} on a virtual thread and completes on
 * the caller's Vert.x context; the event loop never blocks.
 *
 * <p>Entries go away at once when the token changes or is revoked or deleted, or its user changes
 * (store informers on {@value Token#KIND} and {@value User#KIND}, plus {@link TokenService}'s
 * revocation listener, which runs before {@code revoke} returns), at the token's expiry, and after
 * {@link ProxySettings#tokenCacheTtl()} in any case. The short TTL also keeps idle timeouts honest:
 * an active token is re-validated, and so touched, more often than the store records its last use.
 * Only a digest of the secret is kept, never the bearer itself. Thread-safe.
 */
public final class TokenCache implements AutoCloseable {

    private record Entry(TokenIdentity identity, byte[] secretDigest, long validUntilNanos, Instant expiresAt) {
    }

    private final TokenService tokens;
    private final ResourceStore store;
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final Map<String, Entry> byTokenId = new ConcurrentHashMap<>();
    private final JsonCodec<Token> tokenCodec = new JsonCodec<>(Token.class);
    private final ExecutorService misses = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("authproxy-token-", 0).factory());
    private final StoreInformer tokenInformer;
    private final StoreInformer userInformer;

    public TokenCache(TokenService tokens, ResourceStore store, Clock clock, ProxySettings settings) {
        this.tokens = tokens;
        this.store = store;
        this.clock = clock;
        this.ttl = settings.tokenCacheTtl();
        this.maxEntries = settings.tokenCacheSize();
        tokens.addRevocationListener(this::evict);
        this.tokenInformer = StoreInformer.start(store, Token.KIND, misses, this::tokenChanged);
        this.userInformer = StoreInformer.start(store, User.KIND, misses, this::userChanged);
    }

    /**
     * Validates {@code bearer} ({@code token-xxxxx:secret}) for {@code clusterId}. Called on an event
     * loop; the future completes on {@code context}, failed with {@link AuthenticationException} (401) or
     * {@link ForbiddenException} (403) as {@link TokenService#authenticate} would.
     */
    public Future<TokenIdentity> authenticate(Context context, String bearer, String clusterId) {
        int colon = bearer.indexOf(':');
        if (colon <= 0) {
            return Future.failedFuture(new AuthenticationException("Invalid token."));
        }
        String id = bearer.substring(0, colon);
        byte[] digest = digest(bearer.substring(colon + 1));
        Entry entry = byTokenId.get(id);
        if (entry != null && isFresh(entry) && MessageDigest.isEqual(entry.secretDigest(), digest)) {
            TokenIdentity identity = entry.identity();
            if (!identity.clusterId().isEmpty() && !identity.clusterId().equals(clusterId)) {
                return Future.failedFuture(new ForbiddenException("Token " + id + " is scoped to cluster "
                        + identity.clusterId() + " and cannot be used for cluster " + clusterId + "."));
            }
            return Future.succeededFuture(identity);
        }
        Promise<TokenIdentity> promise = Promise.promise();
        misses.execute(() -> {
            try {
                TokenIdentity identity = tokens.authenticate(bearer, clusterId);
                remember(id, identity, digest);
                context.runOnContext(v -> promise.complete(identity));
            } catch (RuntimeException e) {
                context.runOnContext(v -> promise.fail(e));
            }
        });
        return promise.future();
    }

    private boolean isFresh(Entry entry) {
        return System.nanoTime() - entry.validUntilNanos() < 0
                && (entry.expiresAt() == null || clock.instant().isBefore(entry.expiresAt()));
    }

    private void remember(String id, TokenIdentity identity, byte[] digest) {
        // read after authenticate: an expiry honoured from the cache must be the stored one
        Instant expiresAt = store.get(ObjectKey.of(Token.KIND, id)).map(tokenCodec::decode).map(Token::expiresAt).orElse(null);
        if (byTokenId.size() >= maxEntries) {
            Iterator<String> oldest = byTokenId.keySet().iterator();
            if (oldest.hasNext()) {
                byTokenId.remove(oldest.next());
            }
        }
        byTokenId.put(id, new Entry(identity, digest, System.nanoTime() + ttl.toNanos(), expiresAt));
    }

    /** Forgets the token's validation; the next request with it is checked against the store. */
    public void evict(String tokenId) {
        byTokenId.remove(tokenId);
    }

    /** Entries held now (tests, metrics). */
    public int size() {
        return byTokenId.size();
    }

    private void tokenChanged(WatchEvent event) {
        if (event.type() != WatchEvent.Type.ADDED) {
            evict(event.object().key().name());
        }
    }

    private void userChanged(WatchEvent event) {
        if (event.type() != WatchEvent.Type.ADDED) {
            String username = event.object().key().name();
            byTokenId.values().removeIf(entry -> entry.identity().username().equals(username));
        }
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public void close() {
        tokenInformer.close();
        userInformer.close();
        misses.shutdownNow();
    }
}
