package dev.drover.engine.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.model.ClusterCredential;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    @TempDir
    Path directory;

    @Test
    void theKeyFileIsOwnerOnlyAndTheSameKeyOpensWhatItSealedAfterARestart() throws Exception {
        // given
        String sealed = SecretCipher.loadOrCreate(directory).seal("s3cret", "ClusterCredential/c-1");

        // when
        String opened = SecretCipher.loadOrCreate(directory).open(sealed, "ClusterCredential/c-1");

        // then
        assertThat(opened).isEqualTo("s3cret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(SecretCipher.KEY_FILE))))
                .isEqualTo("rw-------");
        assertThat(sealed).doesNotContain("s3cret");
    }

    @Test
    void aValueSealedForAnotherObjectOrAlteredOrUnderAnotherKeyDoesNotOpen() {
        // given
        SecretCipher cipher = SecretCipher.ephemeral();
        String sealed = cipher.seal("s3cret", "ClusterCredential/c-1");
        char[] chars = sealed.toCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';

        // when / then
        assertThatThrownBy(() -> cipher.open(sealed, "ClusterCredential/c-2")).hasMessageContaining("does not open")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> cipher.open(new String(chars), "ClusterCredential/c-1")).hasMessageContaining("does not open");
        assertThatThrownBy(() -> SecretCipher.ephemeral().open(sealed, "ClusterCredential/c-1")).hasMessageContaining("does not open");
    }

    @Test
    void clusterCredentialsKeepOnlyTheSealedTokenInTheStore() {
        // given
        try (SqliteResourceStore store = SqliteResourceStore.open(directory)) {
            ClusterCredentials credentials = new ClusterCredentials(store, SecretCipher.loadOrCreate(directory));

            // when
            credentials.put("c-1", "https://10.0.0.1:6443", "", "impersonator-token");
            credentials.put("c-1", "https://10.0.0.1:6443", "", "rotated-token");

            // then
            String body = store.get(ObjectKey.of(ClusterCredential.KIND, "c-1")).orElseThrow().body();
            assertThat(body).doesNotContain("impersonator-token").doesNotContain("rotated-token");
            DownstreamCredential opened = credentials.find("c-1").orElseThrow();
            assertThat(opened.token()).isEqualTo("rotated-token");
            assertThat(opened.toString()).doesNotContain("rotated-token");
            credentials.delete("c-1");
            assertThat(credentials.find("c-1")).isEmpty();
        }
    }
}
