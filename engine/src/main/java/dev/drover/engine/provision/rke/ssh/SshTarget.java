package dev.drover.engine.provision.rke.ssh;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and as whom to log in.
 *
 * @param address        host name or IP address
 * @param port           SSH port
 * @param user           login user
 * @param privateKeyPath the private key file ({@code ~/} is the user's home)
 */
public record SshTarget(String address, int port, String user, String privateKeyPath) {

    public SshTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(privateKeyPath, "privateKeyPath");
    }

    /** The key file with {@code ~/} expanded. */
    public Path keyFile() {
        return privateKeyPath.startsWith("~/") ? Path.of(System.getProperty("user.home"), privateKeyPath.substring(2)) : Path.of(privateKeyPath);
    }

    /** The host as known_hosts names it: the bare address on port 22, {@code [address]:port} otherwise. */
    public String knownHostsName() {
        return port == 22 ? address : "[" + address + "]:" + port;
    }

    @Override
    public String toString() {
        return user + "@" + address + (port == 22 ? "" : ":" + port);
    }
}
