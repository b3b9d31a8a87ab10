package dev.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaArgumentsTest {

    @TempDir
    Path directory;

    @Test
    void withoutStoreItIsOneServerOnSqliteAndTheRestIsLeftAlone() {
        HaArguments.Split split = HaArguments.split(new String[] {"--port", "9443"});

        assertThat(split.settings()).isEqualTo(HaSettings.SINGLE);
        assertThat(split.rest()).containsExactly("--port", "9443");
    }

    @Test
    void etcdEndpointsTlsAndReplicaId() throws Exception {
        // given
        Path ca = Files.writeString(directory.resolve("ca.pem"), "ca");
        Path cert = Files.writeString(directory.resolve("cert.pem"), "cert");
        Path key = Files.writeString(directory.resolve("key.pem"), "key");

        // when
        HaArguments.Split split = HaArguments.split(new String[] {"--port", "9443", "--store", "etcd://etcd-0:2379,etcd-1:2379",
            "--etcd-cacert", ca.toString(), "--etcd-cert", cert.toString(), "--etcd-key", key.toString(),
            "--replica-id", "drover-1", "--etcd-prefix", "/team-a"});

        // then
        HaSettings settings = split.settings();
        assertThat(split.rest()).containsExactly("--port", "9443");
        assertThat(settings.replicaId()).isEqualTo("drover-1");
        assertThat(settings.etcd().endpoints()).containsExactly(URI.create("https://etcd-0:2379"), URI.create("https://etcd-1:2379"));
        assertThat(settings.etcd().prefix()).isEqualTo("/team-a");
        assertThat(settings.etcd().caCert()).isEqualTo(ca);
        assertThat(settings.etcd().clientKey()).isEqualTo(key);
    }

    @Test
    void plainEndpointsWithoutTls() {
        HaSettings settings = HaArguments.split(new String[] {"--store", "etcd://127.0.0.1:2379"}).settings();

        assertThat(settings.etcd().endpoints()).containsExactly(URI.create("http://127.0.0.1:2379"));
        assertThat(settings.replicaId()).isNotBlank();
    }

    @Test
    void mistakesGetOneSentence() {
        assertThatThrownBy(() -> HaArguments.split(new String[] {"--store", "http://etcd:2379"}))
                .hasMessageContaining("etcd://host:port");
        assertThatThrownBy(() -> HaArguments.split(new String[] {"--store", "etcd://etcd-0"}))
                .hasMessageContaining("is not host:port");
        assertThatThrownBy(() -> HaArguments.split(new String[] {"--store"})).hasMessage("--store needs a value.");
        assertThatThrownBy(() -> HaArguments.split(new String[] {"--replica-id", "x"})).hasMessageContaining("need --store");
        assertThatThrownBy(() -> HaArguments.split(new String[] {"--store", "etcd://e:1", "--etcd-cacert", "/nonexistent.pem"}))
                .hasMessageContaining("not a readable file");
    }
}
