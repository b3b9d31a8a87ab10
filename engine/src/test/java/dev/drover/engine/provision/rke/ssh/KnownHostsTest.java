package dev.drover.engine.provision.rke.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.HostKeyRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {

    @TempDir
    Path directory;

    /** An SSH key blob: the type as an SSH string, then key bytes. */
    private static byte[] key(String type, int seed) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        byte[] blob = new byte[4 + name.length + 32];
        blob[3] = (byte) name.length;
        System.arraycopy(name, 0, blob, 4, name.length);
        for (int i = 4 + name.length; i < blob.length; i++) {
            blob[i] = (byte) (seed + i);
        }
        return blob;
    }

    @Test
    void aKeyIsRecordedOnFirstUseInAnOwnerOnlyFileAndAcceptedAgain() throws Exception {
        // given
        Path file = directory.resolve("known_hosts");
        KnownHosts knownHosts = KnownHosts.open(file);
        byte[] key = key("ssh-ed25519", 1);
        // when
        int first = knownHosts.check("10.0.0.1", key);
        int again = KnownHosts.open(file).check("10.0.0.1", key);
        // then
        assertThat(first).isEqualTo(HostKeyRepository.OK);
        assertThat(again).isEqualTo(HostKeyRepository.OK);
        assertThat(Files.readString(file)).isEqualTo("10.0.0.1 ssh-ed25519 " + Base64.getEncoder().encodeToString(key) + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aChangedKeyIsRefusedAndBothFingerprintsAreKept() throws Exception {
        // given
        KnownHosts knownHosts = KnownHosts.open(directory.resolve("known_hosts"));
        knownHosts.check("[10.0.0.1]:2222", key("ssh-ed25519", 1));
        byte[] other = key("ssh-ed25519", 2);
        // when
        int result = knownHosts.check("[10.0.0.1]:2222", other);
        // then
        assertThat(result).isEqualTo(HostKeyRepository.CHANGED);
        assertThat(knownHosts.lastRejection("[10.0.0.1]:2222")).startsWith("recorded SHA256:")
                .endsWith("offered " + KnownHosts.fingerprint(other) + " (ssh-ed25519)");
        assertThat(knownHosts.recorded("[10.0.0.1]:2222")).hasValueSatisfying(v -> assertThat(v).doesNotContain(Base64.getEncoder().encodeToString(other)));
    }

    @Test
    void aHashedOrBrokenLineIsAnErrorNamingTheLine() throws Exception {
        Path file = directory.resolve("known_hosts");
        Files.writeString(file, "# comment\n|1|abc|def ssh-ed25519 AAAA\n");
        assertThatThrownBy(() -> KnownHosts.open(file)).hasMessageContaining("line 2");
    }
}
