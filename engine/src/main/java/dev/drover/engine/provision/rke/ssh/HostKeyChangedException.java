package dev.drover.engine.provision.rke.ssh;

/**
 * The host offered a key other than the one recorded for it. Nothing was run on the host; the message
 * says both fingerprints and how to accept the new key if the change was intended.
 */
public final class HostKeyChangedException extends SshException {

    private final String host;

    public HostKeyChangedException(String host, String message) {
        super(message);
        this.host = host;
    }

    /** The host as known_hosts names it: {@code address} or {@code [address]:port}. */
    public String host() {
        return host;
    }
}
