package dev.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.auth.LdapAuthenticator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerArgumentsTest {

    @TempDir
    Path directory;

    @Test
    void readsEveryOption() throws Exception {
        // given
        Path ldap = directory.resolve("ldap.properties");
        Files.writeString(ldap, "url=ldap://127.0.0.1:3890\nbindDn=cn=admin,dc=example\nbindPassword=secret\nuserBase=ou=people,dc=example\n");
        // when
        ServerConfig config = ServerArguments.parse(new String[] {"--port", "9443", "--data-dir", directory.toString(),
                "--hostname", "drover.example", "--hostname", "10.1.2.3", "--tls-cert", "chain.pem", "--tls-key", "key.pem",
                "--ldap", ldap.toString(), "--event-loop-poll", "0"});
        // then
        assertThat(config.port()).isEqualTo(9443);
        assertThat(config.dataDirectory()).isEqualTo(directory);
        assertThat(config.hostnames()).containsExactly("drover.example", "10.1.2.3");
        assertThat(config.tls()).isEqualTo(new ServerConfig.TlsFiles(Path.of("chain.pem"), Path.of("key.pem"), null));
        assertThat(config.loginProviders()).singleElement().isInstanceOf(LdapAuthenticator.class);
        assertThat(config.eventLoopPoll()).isZero();
    }

    @Test
    void eventLoopsPollAHundredMicrosecondsUnlessTold() {
        assertThat(ServerArguments.parse(new String[] {"--data-dir", directory.toString()}).eventLoopPoll()).isEqualTo(Duration.ofNanos(100_000));
        assertThat(ServerArguments.parse(new String[] {"--data-dir", directory.toString(), "--event-loop-poll", "120"}).eventLoopPoll())
                .isEqualTo(Duration.ofNanos(120_000));
    }

    @Test
    void mistakesAreOneSentenceEach() throws Exception {
        Path incomplete = directory.resolve("ldap.properties");
        Files.writeString(incomplete, "url=ldap://x\n");
        assertThatThrownBy(() -> ServerArguments.parse(new String[] {"--port", "http"})).hasMessageContaining("--port takes a number");
        assertThatThrownBy(() -> ServerArguments.parse(new String[] {"--port"})).hasMessage("--port needs a value.");
        assertThatThrownBy(() -> ServerArguments.parse(new String[] {"--colour", "red"})).hasMessage("Unknown option --colour.");
        assertThatThrownBy(() -> ServerArguments.parse(new String[] {"--tls-cert", "a.pem"})).hasMessageContaining("go together");
        assertThatThrownBy(() -> ServerArguments.parse(new String[] {"--event-loop-poll", "-1"}))
                .hasMessage("--event-loop-poll takes microseconds from 0 to 10000, got \"-1\".");
        assertThatThrownBy(() -> ServerArguments.parse(new String[] {"--ldap", incomplete.toString()})).hasMessageContaining("lacks bindDn");
    }
}
