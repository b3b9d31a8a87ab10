package dev.drover.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.cli.CliRun;
import dev.drover.cli.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerCommandTest {

    private final List<List<String>> started = new ArrayList<>();
    private final CliRun cli = new CliRun().with(ServerCommand.class, () -> new ServerCommand(args -> started.add(List.of(args))));

    @Test
    void handsEveryOptionIncludingTheReplicaOnesToServerMain() {
        // when
        CliRun.Result result = cli.run("server", "--port", "0", "--data-dir", "/srv/d", "--hostname", "a.example", "--hostname", "b.example",
                "--store", "etcd://10.0.0.1:2379,10.0.0.2:2379", "--etcd-cacert", "ca.pem", "--etcd-cert", "c.pem", "--etcd-key", "k.pem",
                "--replica-id", "r1", "--peer-url", "https://10.0.0.5:8443", "--ldap", "ldap.properties");
        // then
        assertThat(result.code()).isZero();
        assertThat(started).containsExactly(List.of("--port", "0", "--data-dir", "/srv/d", "--hostname", "a.example", "--hostname", "b.example",
                "--ldap", "ldap.properties", "--store", "etcd://10.0.0.1:2379,10.0.0.2:2379", "--etcd-cacert", "ca.pem", "--etcd-cert", "c.pem",
                "--etcd-key", "k.pem", "--replica-id", "r1", "--peer-url", "https://10.0.0.5:8443"));
    }

    @Test
    void aPortThatIsNotANumberIsOneSentence() {
        CliRun.Result result = cli.run("server", "--port", "http");
        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("drover: Invalid value for option '--port': 'http' is not an int");
        assertThat(started).isEmpty();
    }

    @Test
    void helpListsTheHighAvailabilityOptions() {
        CliRun.Result result = cli.run("server", "--help");
        assertThat(result.out()).contains("--store=etcd://HOST:PORT[,...]", "--etcd-cacert", "--replica-id", "--peer-url", "--tls-cert");
    }
}
