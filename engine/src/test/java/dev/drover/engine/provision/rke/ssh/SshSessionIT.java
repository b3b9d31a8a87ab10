package dev.drover.engine.provision.rke.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.provision.rke.NetnsNodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSch against real OpenSSH servers, each in its own network namespace. */
class SshSessionIT {

    private static NetnsNodes nodes;

    @TempDir
    Path directory;

    @BeforeAll
    static void startNodes() throws Exception {
        NetnsNodes.assumeAvailable();
        nodes = NetnsNodes.start("ssh", 1, 2);
    }

    @AfterAll
    static void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private SshConnector connector() throws Exception {
        return new SshConnector(KnownHosts.open(directory.resolve("known_hosts")), Duration.ofSeconds(10));
    }

    @Test
    void runsCommandsWithInputAndReportsExitCodesAndTheRecordedKeyIsTheServers() throws Exception {
        // given
        NetnsNodes.Node node = nodes.nodes().getFirst();
        SshConnector connector = connector();
        // when
        try (SshSession session = connector.connect(nodes.target(node))) {
            ExecResult address = session.exec("hostname -I");
            ExecResult cat = session.exec("cat; echo oops >&2; exit 3", "from stdin".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
            // then
            assertThat(address.stdout().strip()).isEqualTo(node.address());
            assertThat(cat.exitCode()).isEqualTo(3);
            assertThat(cat.stdout()).isEqualTo("from stdin");
            assertThatThrownBy(() -> cat.orThrow(session.address(), "copying")).hasMessage(node.address() + ": copying failed (exit 3): oops");
        }
        String serverKey = Files.readString(node.root().resolve("host_key.pub")).split(" ")[1];
        assertThat(connector.knownHosts().recorded(node.address())).hasValue("ssh-ed25519 " + serverKey);
        String sshKeygen = NetnsNodes.sh("ssh-keygen -lf " + node.root().resolve("host_key.pub"));
        assertThat(sshKeygen).contains(KnownHosts.fingerprint(java.util.Base64.getDecoder().decode(serverKey)));
    }

    @Test
    void aHungCommandTimesOut() throws Exception {
        try (SshSession session = connector().connect(nodes.target(nodes.nodes().getFirst()))) {
            assertThatThrownBy(() -> session.exec("sleep 30", null, Duration.ofMillis(300))).hasMessageContaining("did not finish in time");
        }
    }

    @Test
    void aChangedHostKeyIsRefusedWithTheFix() throws Exception {
        // given: the key was recorded once
        NetnsNodes.Node node = nodes.nodes().get(1);
        SshConnector connector = connector();
        connector.connect(nodes.target(node)).close();
        // when: the machine comes back with another key
        nodes.changeHostKey(node);
        // then
        assertThatThrownBy(() -> connector.connect(nodes.target(node)))
                .isInstanceOf(HostKeyChangedException.class)
                .hasMessageContaining("The SSH host key of " + node.address() + " has changed")
                .hasMessageContaining("ran nothing on it")
                .hasMessageContaining("ssh-keygen -R '" + node.address() + "' -f " + directory.resolve("known_hosts"));
        // and the fix the message gives works
        NetnsNodes.sh("ssh-keygen -R '" + node.address() + "' -f " + directory.resolve("known_hosts"));
        try (SshSession session = new SshConnector(KnownHosts.open(directory.resolve("known_hosts")), Duration.ofSeconds(10))
                .connect(nodes.target(node))) {
            assertThat(session.exec("true").ok()).isTrue();
        }
    }

    @Test
    void aWrongKeyIsReportedAsNotAccepted() throws Exception {
        Path otherKey = directory.resolve("other");
        NetnsNodes.sh("ssh-keygen -q -t ed25519 -N '' -f " + otherKey);
        SshTarget target = new SshTarget(nodes.nodes().getFirst().address(), 22, "root", otherKey.toString());
        assertThatThrownBy(() -> connector().connect(target)).isInstanceOf(SshException.class)
                .hasMessageContaining("the key " + otherKey + " was not accepted for user root");
    }
}
