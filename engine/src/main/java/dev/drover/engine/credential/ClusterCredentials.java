package dev.drover.engine.credential;

import dev.drover.engine.model.ClusterCredential;
import dev.drover.engine.store.ConflictException;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import java.util.Optional;

/**
 * Stores and opens the auth proxy's downstream credentials ({@link ClusterCredential}, one per cluster).
 * The token is sealed before it reaches the store and opened only in memory. Blocking (store I/O);
 * thread-safe.
 */
public final class ClusterCredentials {

    private final ResourceStore store;
    private final SecretCipher cipher;
    private final JsonCodec<ClusterCredential> codec = new JsonCodec<>(ClusterCredential.class);

    public ClusterCredentials(ResourceStore store, SecretCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    /**
     * Creates or replaces the credential of {@code clusterId}. Called when a cluster is registered or its
     * impersonation account's token is rotated. Idempotent.
     */
    public void put(String clusterId, String server, String caPem, String token) {
        ObjectKey key = key(clusterId);
        String body = codec.encode(new ClusterCredential(clusterId, server, caPem, cipher.seal(token, key.toString())));
        if (!store.createOrReplace(key, body, 5)) {
            throw new ConflictException("The credential of cluster " + clusterId + " kept changing; store it again.");
        }
    }

    /** The opened credential of {@code clusterId}, if one is stored. */
    public Optional<DownstreamCredential> find(String clusterId) {
        ObjectKey key = key(clusterId);
        return store.get(key).map(stored -> {
            ClusterCredential credential = codec.decode(stored);
            return new DownstreamCredential(clusterId, credential.server(), credential.caPem(),
                    cipher.open(credential.sealedToken(), key.toString()), stored.revision());
        });
    }

    /** Forgets the credential (cluster removed). Idempotent. */
    public void delete(String clusterId) {
        store.get(key(clusterId)).ifPresent(stored -> {
            try {
                store.delete(stored.key(), stored.revision());
            } catch (ConflictException | dev.drover.engine.store.NotFoundException raced) {
                // replaced or deleted meanwhile: the caller may delete again
            }
        });
    }

    private static ObjectKey key(String clusterId) {
        return ObjectKey.of(ClusterCredential.KIND, clusterId);
    }
}
