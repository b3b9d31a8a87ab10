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
import dev.drover.engine.store.StoredObject;
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
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 *
 * <p>Why validations are shared and refreshed ahead: a miss costs a memory-hard hash (Argon2, tens of ms of
 * CPU). When a busy token's entry expired, every request in flight missed at once — 64 concurrent Argon2
 * runs stalled a 2-core server for seconds (BENCHMARKS.md, "Auth proxy"). Now concurrent misses for the
 * same token, secret and cluster share one validation, and an entry used in the last quarter of its TTL is
 * re-validated in the background while it keeps serving. A store write that only moves the token's
 * last-used time no longer evicts it either (the validation's own touch did, every minute).
 */
public final class TokenCache implements AutoCloseable {

    private record Entry(TokenIdentity identity, byte[] secretDigest, long validUntilNanos, long refreshAfterNanos,
                         Instant expiresAt, String secretHash) {
    }

    /** One per thread (the event loops, mostly): looking the algorithm up again cost more than hashing a secret. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    });

    private final TokenService tokens;
    private final ResourceStore store;
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final Map<String, Entry> byTokenId = new ConcurrentHashMap<>();
    /** Validations running now, by token id, cluster and secret digest. */
    private final Map<String, CompletableFuture<TokenIdentity>> running = new ConcurrentHashMap<>();
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
        TokenIdentity hit;
        try {
            hit = cached(bearer, clusterId);
        } catch (AuthenticationException | ForbiddenException e) {
            return Future.failedFuture(e);
        }
        if (hit != null) {
            return Future.succeededFuture(hit);
        }
        int colon = bearer.indexOf(':');
        String id = bearer.substring(0, colon);
        byte[] digest = digest(bearer.substring(colon + 1));
        Promise<TokenIdentity> promise = Promise.promise();
        validate(bearer, id, digest, clusterId).whenComplete((identity, e) -> context.runOnContext(v -> {
            if (e == null) {
                promise.complete(identity);
            } else {
                promise.fail(e);
            }
        }));
        return promise.future();
    }

    /**
     * The validation of {@code bearer} for {@code clusterId} if this cache holds a fresh one, else {@code null}
     * (then {@link #authenticate} asks the store). The proxy's hot path: no future, no thread. Any thread.
     *
     * @throws AuthenticationException if the bearer is no Drover token at all
     * @throws ForbiddenException      if the cached token is scoped to another cluster
     */
    public TokenIdentity cached(String bearer, String clusterId) {
        int colon = bearer.indexOf(':');
        if (colon <= 0) {
            throw new AuthenticationException("Invalid token.");
        }
        String id = bearer.substring(0, colon);
        Entry entry = byTokenId.get(id);
        if (entry == null || !isFresh(entry)) {
            return null;
        }
        byte[] digest = digest(bearer.substring(colon + 1));
        if (!MessageDigest.isEqual(entry.secretDigest(), digest)) {
            return null;
        }
        TokenIdentity identity = entry.identity();
        if (!identity.clusterId().isEmpty() && !identity.clusterId().equals(clusterId)) {
            throw new ForbiddenException("Token " + id + " is scoped to cluster " + identity.clusterId()
                    + " and cannot be used for cluster " + clusterId + ".");
        }
        if (System.nanoTime() - entry.refreshAfterNanos() >= 0) {
            // the secret matched this entry, so a failure now means the token itself went bad
            validate(bearer, id, digest, clusterId).whenComplete((ok, e) -> {
                if (e instanceof AuthenticationException) {
                    byTokenId.remove(id, entry);
                }
            });
        }
        return identity;
    }

    /** One validation at a time per token, cluster and secret; callers arriving meanwhile share its result. */
    private CompletableFuture<TokenIdentity> validate(String bearer, String id, byte[] digest, String clusterId) {
        String key = id + '|' + clusterId + '|' + HexFormat.of().formatHex(digest);
        CompletableFuture<TokenIdentity> mine = new CompletableFuture<>();
        CompletableFuture<TokenIdentity> theirs = running.putIfAbsent(key, mine);
        if (theirs != null) {
            return theirs;
        }
        misses.execute(() -> {
            // leave the shared slot before completing: a caller woken by the completion must start a
            // fresh validation (e.g. after the token expired), not be handed this finished one
            try {
                TokenIdentity identity = tokens.authenticate(bearer, clusterId);
                remember(id, identity, digest);
                running.remove(key, mine);
                mine.complete(identity);
            } catch (RuntimeException e) {
                running.remove(key, mine);
                mine.completeExceptionally(e);
            }
        });
        return mine;
    }

    private boolean isFresh(Entry entry) {
        return System.nanoTime() - entry.validUntilNanos() < 0
                && (entry.expiresAt() == null || clock.instant().isBefore(entry.expiresAt()));
    }

    private void remember(String id, TokenIdentity identity, byte[] digest) {
        // read after authenticate: an expiry honoured from the cache must be the stored one
        Optional<Token> stored = store.get(ObjectKey.of(Token.KIND, id)).map(tokenCodec::decode);
        if (stored.isEmpty()) {
            return;
        }
        if (byTokenId.size() >= maxEntries) {
            Iterator<String> oldest = byTokenId.keySet().iterator();
            if (oldest.hasNext()) {
                byTokenId.remove(oldest.next());
            }
        }
        long now = System.nanoTime();
        Entry entry = new Entry(identity, digest, now + ttl.toNanos(), now + ttl.toNanos() / 4 * 3,
                stored.get().expiresAt(), stored.get().secretHash());
        byTokenId.put(id, entry);
        // a revocation between authenticate and put evicted nothing; its store write is visible now
        Optional<Token> after = store.get(ObjectKey.of(Token.KIND, id)).map(tokenCodec::decode);
        if (after.isEmpty() || !stillValid(entry, after.get())) {
            byTokenId.remove(id, entry);
        }
    }

    /** Forgets the token's validation; the next request with it is checked against the store. */
    public void evict(String tokenId) {
        byTokenId.remove(tokenId);
    }

    /** Whether a validation of {@code tokenId} is cached (tests). */
    boolean holds(String tokenId) {
        return byTokenId.containsKey(tokenId);
    }

    /** Entries held now (tests, metrics). */
    public int size() {
        return byTokenId.size();
    }

    private void tokenChanged(WatchEvent event) {
        if (event.type() == WatchEvent.Type.ADDED) {
            return;
        }
        String id = event.object().key().name();
        Entry entry = byTokenId.get(id);
        if (entry != null && event.type() == WatchEvent.Type.MODIFIED && stillValid(entry, decode(event.object()))) {
            return; // only its last use moved
        }
        evict(id);
    }

    /** Whether {@code token} as stored now still says what {@code entry} remembers of it. */
    private static boolean stillValid(Entry entry, Token token) {
        TokenIdentity identity = entry.identity();
        return token != null && token.enabled() && token.secretHash().equals(entry.secretHash())
                && Objects.equals(token.expiresAt(), entry.expiresAt()) && token.username().equals(identity.username())
                && Objects.equals(token.provider(), identity.provider()) && Objects.equals(token.groups(), identity.groups())
                && Objects.equals(token.clusterId(), identity.clusterId());
    }

    private Token decode(StoredObject object) {
        try {
            return tokenCodec.decode(object);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private void userChanged(WatchEvent event) {
        if (event.type() != WatchEvent.Type.ADDED) {
            String username = event.object().key().name();
            byTokenId.values().removeIf(entry -> entry.identity().username().equals(username));
        }
    }

    private static byte[] digest(String secret) {
        return SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8)); // digest() resets it for the next use
    }

    @Override
    public void close() {
        tokenInformer.close();
        userInformer.close();
        misses.shutdownNow();
    }
}
