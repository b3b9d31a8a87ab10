package dev.drover.engine.downstream;

import dev.drover.engine.credential.SecretCipher;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.DownstreamSecret;
import dev.drover.engine.store.ConflictException;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.NotFoundException;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoredObject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each direct (or provisioned) cluster's credential in the store ({@link DownstreamSecret}), token and
 * client key sealed with the installation key, so that every server replica on a shared store can reach the
 * cluster whichever replica it was created through (issue #9). Each sealed part is bound to its store key and
 * field, so it opens only where it was written. Blocking (store I/O); thread-safe.
 *
 * <p>Why not always: a single server or the lab keep {@link CredentialFiles}, out of the database, as before;
 * this is what the server uses on etcd, where the data directory is per replica.
 */
public final class StoredCredentials implements DownstreamCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(StoredCredentials.class);

    private final ResourceStore store;
    private final SecretCipher cipher;
    private final JsonCodec<DownstreamSecret> codec = new JsonCodec<>(DownstreamSecret.class);

    public StoredCredentials(ResourceStore store, SecretCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    /**
     * The cluster's credential, opened in memory. Fails with {@link IllegalStateException} (one sentence, no
     * secret) when it was sealed under another key or altered.
     */
    @Override
    public Optional<DownstreamCredential> find(String clusterId) {
        ObjectKey key = key(clusterId);
        return store.get(key).map(stored -> {
            DownstreamSecret secret = codec.decode(stored);
            try {
                return new DownstreamCredential(open(secret.sealedToken(), key, "bearerToken"), secret.caCertPem(),
                        secret.clientCertPem(), open(secret.sealedClientKey(), key, "clientKey"));
            } catch (IllegalStateException unreadable) {
                throw new IllegalStateException("The credential of cluster " + clusterId
                        + " does not open with this server's secrets.key (every replica must share the same key file).", unreadable);
            }
        });
    }

    @Override
    public void save(String clusterId, DownstreamCredential credential) {
        ObjectKey key = key(clusterId);
        String body = codec.encode(new DownstreamSecret(clusterId, credential.caCertPem(), credential.clientCertPem(),
                seal(credential.bearerToken(), key, "bearerToken"), seal(credential.clientKeyPem(), key, "clientKey")));
        if (!store.createOrReplace(key, body, 5)) {
            throw new ConflictException("The credential of cluster " + clusterId + " kept changing; save it again.");
        }
    }

    @Override
    public void remove(String clusterId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<StoredObject> existing = store.get(key(clusterId));
            if (existing.isEmpty()) {
                return;
            }
            try {
                store.delete(existing.get().key(), existing.get().revision());
                return;
            } catch (ConflictException | NotFoundException raced) {
                // replaced or deleted meanwhile: look again
            }
        }
        throw new ConflictException("The credential of cluster " + clusterId + " kept changing; delete it again.");
    }

    /**
     * Moves the credentials this replica kept as files into the store, once, at start. A file is deleted only
     * after its credential is in the store (or the store already holds one for the cluster, written by a
     * replica since); the file of a cluster the store does not know is left where it is, so nothing is lost.
     *
     * @return how many files were moved
     */
    public int adopt(CredentialFiles files) {
        int moved = 0;
        for (String clusterId : files.clusterIds()) {
            if (store.get(ObjectKey.of(Cluster.KIND, clusterId)).isEmpty()) {
                LOG.info("Credential file of unknown cluster {} left in place", clusterId);
                continue;
            }
            if (store.get(key(clusterId)).isEmpty()) {
                Optional<DownstreamCredential> credential;
                try {
                    credential = files.find(clusterId);
                } catch (RuntimeException unreadable) {
                    LOG.warn("Credential file of cluster {} left in place: {}", clusterId, unreadable.getMessage());
                    continue;
                }
                if (credential.isEmpty()) {
                    continue;
                }
                save(clusterId, credential.get());
                moved++;
            }
            files.remove(clusterId);
        }
        if (moved > 0) {
            LOG.info("Moved {} downstream credential file(s) into the shared store, sealed", moved);
        }
        return moved;
    }

    private String seal(String plain, ObjectKey key, String field) {
        return plain.isEmpty() ? "" : cipher.seal(plain, key + "#" + field);
    }

    private String open(String sealed, ObjectKey key, String field) {
        return sealed.isEmpty() ? "" : cipher.open(sealed, key + "#" + field);
    }

    private static ObjectKey key(String clusterId) {
        return ObjectKey.of(DownstreamSecret.KIND, clusterId);
    }
}
