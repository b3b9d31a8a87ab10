package dev.drover.engine.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.credential.SecretCipher;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.DownstreamSecret;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials in a real SQLite store, sealed with a real key file. */
class StoredCredentialsTest {

    private static final String TOKEN = "direct-cluster-token-7f3a";
    private static final String CLIENT_KEY = "-----BEGIN EC PRIVATE KEY-----\nkube-admin-key-material\n-----END EC PRIVATE KEY-----";

    @TempDir
    Path directory;

    private SqliteResourceStore store;
    private StoredCredentials credentials;

    @BeforeEach
    void open() {
        store = SqliteResourceStore.open(directory);
        credentials = new StoredCredentials(store, SecretCipher.loadOrCreate(directory));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String rawBody(String clusterId) {
        return store.get(ObjectKey.of(DownstreamSecret.KIND, clusterId)).orElseThrow().body();
    }

    @Test
    void aTokenIsSealedAtRestAndOpensAgain() {
        // given
        DownstreamCredential token = new DownstreamCredential(TOKEN, "CA-PEM");
        // when
        credentials.save("c-tok1", token);
        // then: the body holds the CA in clear and the token only sealed
        assertThat(rawBody("c-tok1")).contains("CA-PEM").contains("sealedToken").doesNotContain(TOKEN);
        assertThat(credentials.find("c-tok1")).contains(token);
        assertThat(credentials.find("c-none")).isEmpty();
        // and: a second store object over the same database and key opens it (another replica)
        assertThat(new StoredCredentials(store, SecretCipher.loadOrCreate(directory)).find("c-tok1")).contains(token);
    }

    @Test
    void aClientKeyIsSealedAtRestAndReplacedOnSave() {
        // given
        credentials.save("c-rke1", new DownstreamCredential("old-token", ""));
        DownstreamCredential admin = DownstreamCredential.clientCertificate("CERT-PEM", CLIENT_KEY, "CA-PEM");
        // when
        credentials.save("c-rke1", admin);
        // then
        assertThat(rawBody("c-rke1")).contains("CERT-PEM").doesNotContain("kube-admin-key-material").doesNotContain("old-token");
        assertThat(credentials.find("c-rke1")).contains(admin);
    }

    @Test
    void aCredentialSealedUnderAnotherKeyFailsClearlyWithoutTheSecret() {
        // given: sealed by a replica with another secrets.key
        new StoredCredentials(store, SecretCipher.ephemeral()).save("c-far1", new DownstreamCredential(TOKEN, ""));
        // when / then
        assertThatThrownBy(() -> credentials.find("c-far1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The credential of cluster c-far1 does not open with this server's secrets.key"
                        + " (every replica must share the same key file).")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aSealedTokenCopiedOntoAnotherClusterDoesNotOpen() {
        // given
        credentials.save("c-src1", new DownstreamCredential(TOKEN, ""));
        String copied = rawBody("c-src1").replace("c-src1", "c-dst1");
        store.create(ObjectKey.of(DownstreamSecret.KIND, "c-dst1"), Map.of(), copied);
        // when / then
        assertThatThrownBy(() -> credentials.find("c-dst1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void removeForgetsAndIsIdempotent() {
        // given
        credentials.save("c-gone1", new DownstreamCredential(TOKEN, ""));
        // when
        credentials.remove("c-gone1");
        credentials.remove("c-gone1");
        // then
        assertThat(credentials.find("c-gone1")).isEmpty();
        assertThat(store.get(ObjectKey.of(DownstreamSecret.KIND, "c-gone1"))).isEmpty();
    }

    @Test
    void filesOfKnownClustersMoveIntoTheStoreAndOthersStay() {
        // given: files written before, one of a cluster the store knows, one of a cluster it does not
        CredentialFiles files = new CredentialFiles(directory.resolve("credentials"));
        files.save("c-old1", new DownstreamCredential(TOKEN, "CA-PEM"));
        files.save("c-stray", new DownstreamCredential("stray-token", ""));
        store.create(ObjectKey.of(Cluster.KIND, "c-old1"), Map.of(),
                new JsonCodec<>(Cluster.class).encode(new Cluster("c-old1", "old", Cluster.Type.DIRECT, "https://127.0.0.1:1", null)));
        // when
        int moved = credentials.adopt(files);
        credentials.adopt(files);
        // then
        assertThat(moved).isEqualTo(1);
        assertThat(credentials.find("c-old1")).contains(new DownstreamCredential(TOKEN, "CA-PEM"));
        assertThat(rawBody("c-old1")).doesNotContain(TOKEN);
        assertThat(files.clusterIds()).containsExactly("c-stray");
        assertThat(files.find("c-stray")).isPresent();
    }
}
