package dev.drover.engine.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFilesTest {

    @TempDir
    Path directory;

    @Test
    void savesOwnerOnlyFilesAndForgetsThem() throws Exception {
        // given
        CredentialFiles credentials = new CredentialFiles(directory.resolve("credentials"));
        // when
        credentials.save("c-abc12", new DownstreamCredential("secret-token", "PEM"));
        // then
        assertThat(credentials.find("c-abc12")).contains(new DownstreamCredential("secret-token", "PEM"));
        Path file = directory.resolve("credentials/c-abc12.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(credentials.find("c-other")).isEmpty();
        // when
        credentials.remove("c-abc12");
        credentials.remove("c-abc12");
        // then
        assertThat(credentials.find("c-abc12")).isEmpty();
        assertThat(new DownstreamCredential("secret-token", "").toString()).doesNotContain("secret-token");
    }

    @Test
    void aClusterIdCannotNameAFileOutsideTheDirectory() {
        CredentialFiles credentials = new CredentialFiles(directory.resolve("credentials"));
        assertThatThrownBy(() -> credentials.save("../escape", new DownstreamCredential("t", "")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credentials.find("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(directory.resolve("escape.json")).doesNotExist();
    }

    @Test
    void keepsAClientCertificateAndReadsFilesWrittenBeforeThem() throws Exception {
        // given
        CredentialFiles credentials = new CredentialFiles(directory.resolve("credentials"));
        DownstreamCredential admin = DownstreamCredential.clientCertificate("CERT PEM", "-----BEGIN EC PRIVATE KEY----- secret", "CA PEM");
        Files.createDirectories(directory.resolve("credentials"));
        Files.writeString(directory.resolve("credentials/c-old01.json"), "{\"bearerToken\":\"old-token\",\"caCertPem\":\"PEM\"}");
        // when
        credentials.save("c-rke01", admin);
        // then
        assertThat(credentials.find("c-rke01")).contains(admin);
        assertThat(credentials.find("c-old01")).contains(new DownstreamCredential("old-token", "PEM"));
        assertThat(admin.toString()).doesNotContain("secret").contains("clientKey=<hidden>");
        assertThatThrownBy(() -> DownstreamCredential.clientCertificate("CERT PEM", "", "CA PEM"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
