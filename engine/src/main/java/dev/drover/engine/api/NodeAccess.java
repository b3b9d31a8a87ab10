package dev.drover.engine.api;

/**
 * How Drover logs in to a machine over SSH (public-key authentication only).
 *
 * @param address    host name or IP address
 * @param port       SSH port, 22 unless the machine says otherwise
 * @param user       login user, e.g. {@code ubuntu}
 * @param sshKeyPath private key file on the machine running the engine ({@code ~/} is the user's home)
 */
public record NodeAccess(String address, int port, String user, String sshKeyPath) {
    public NodeAccess {
        address = address == null ? "" : address.strip();
        user = user == null ? "" : user.strip();
        sshKeyPath = sshKeyPath == null ? "" : sshKeyPath.strip();
    }
}
