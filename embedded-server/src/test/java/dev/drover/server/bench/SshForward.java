package dev.drover.server.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The baseline: the machine's OpenSSH, sshd on a loopback port and {@code ssh -N -L}. */
final class SshForward implements AutoCloseable {

    private final Process sshd;
    private final Process ssh;
    private final int port;

    private SshForward(Process sshd, Process ssh, int port) {
        this.sshd = sshd;
        this.ssh = ssh;
        this.port = port;
    }

    static SshForward start(Path directory, int targetPort) throws IOException, InterruptedException {
        Files.createDirectories(Path.of("/run/sshd"));
        Path hostKey = directory.resolve("host_key");
        Path userKey = directory.resolve("user_key");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", userKey.toString());
        Path authorized = directory.resolve("authorized_keys");
        Files.copy(directory.resolve("user_key.pub"), authorized);
        int sshPort = freePort();
        Path config = directory.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + sshPort, "ListenAddress 127.0.0.1", "HostKey " + hostKey, "AuthorizedKeysFile " + authorized,
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no",
                "PermitRootLogin prohibit-password", "AllowTcpForwarding yes", "PidFile " + directory.resolve("sshd.pid"), ""));
        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("sshd.log").toFile()).start();
        waitForPort(sshPort);
        int localPort = freePort();
        Process ssh = new ProcessBuilder("ssh", "-N", "-o", "ExitOnForwardFailure=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-i", userKey.toString(), "-p", String.valueOf(sshPort),
                "-L", localPort + ":127.0.0.1:" + targetPort, System.getProperty("user.name") + "@127.0.0.1")
                .redirectErrorStream(true).redirectOutput(directory.resolve("ssh.log").toFile()).start();
        waitForPort(localPort);
        return new SshForward(sshd, ssh, localPort);
    }

    int port() {
        return port;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("nothing listens on " + port + " after 10 s");
    }

    @Override
    public void close() throws InterruptedException {
        ssh.destroy();
        ssh.waitFor();
        sshd.destroy();
        sshd.waitFor();
    }
}
