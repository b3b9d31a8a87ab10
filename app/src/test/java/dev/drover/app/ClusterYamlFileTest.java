package dev.drover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterYamlFileTest {

    @TempDir
    Path dir;

    @Test
    void reads_the_text_as_it_is() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("cluster.yml"), "cluster_name: prod\nnodes: []\n");

        // when / then
        assertThat(ClusterYamlFile.read(file)).isEqualTo("cluster_name: prod\nnodes: []\n");
    }

    @Test
    void each_bad_file_is_one_sentence() throws Exception {
        // given
        Path missing = dir.resolve("gone.yml");
        Path empty = Files.writeString(dir.resolve("empty.yml"), "  \n");
        Path binary = Files.write(dir.resolve("image.yml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3});
        Path huge = Files.write(dir.resolve("huge.yml"), new byte[(int) ClusterYamlFile.MAX_BYTES + 1]);

        // when / then
        assertThatThrownBy(() -> ClusterYamlFile.read(missing)).hasMessage("Cannot open " + missing + ": there is no such file.");
        assertThatThrownBy(() -> ClusterYamlFile.read(dir)).hasMessage("Cannot open " + dir + ": it is a folder, not a cluster.yml.");
        assertThatThrownBy(() -> ClusterYamlFile.read(empty)).hasMessage("Cannot open " + empty + ": it is empty.");
        assertThatThrownBy(() -> ClusterYamlFile.read(binary)).hasMessage("Cannot open " + binary + ": it is not a text (UTF-8) file.");
        assertThatThrownBy(() -> ClusterYamlFile.read(huge)).hasMessageStartingWith("Cannot open " + huge + ": at 1024 KiB");
    }
}
