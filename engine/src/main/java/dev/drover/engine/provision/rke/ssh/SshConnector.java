package dev.drover.engine.provision.rke.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens {@link SshSession}s with public-key authentication and strict host-key checking against a
 * {@link KnownHosts} file. Thread-safe: the provisioner connects to many hosts at once.
 */
public final class SshConnector {

    private final KnownHosts knownHosts;
    private final Duration connectTimeout;
    // JSch keeps identities per instance; one instance per key file lets every node use its own key
    private final Map<String, JSch> byKey = new ConcurrentHashMap<>();

    public SshConnector(KnownHosts knownHosts, Duration connectTimeout) {
        this.knownHosts = knownHosts;
        this.connectTimeout = connectTimeout;
    }

    public KnownHosts knownHosts() {
        return knownHosts;
    }

    /**
     * Connects and authenticates. Blocks for up to the connect timeout; call from a virtual thread.
     *
     * @throws HostKeyChangedException the host's key differs from the recorded one (nothing was run)
     * @throws SshException            the host is unreachable, refused the key, or the key file is unreadable
     */
    public SshSession connect(SshTarget target) throws SshException {
        JSch jsch = jschFor(target);
        Session session;
        try {
            session = jsch.getSession(target.user(), target.address(), target.port());
        } catch (JSchException e) {
            throw new SshException(target + ": " + e.getMessage(), e);
        }
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
        try {
            session.setServerAliveInterval(15_000);
            session.connect((int) connectTimeout.toMillis());
        } catch (JSchChangedHostKeyException e) {
            String host = target.knownHostsName();
            throw new HostKeyChangedException(host, "The SSH host key of " + host + " has changed (" + knownHosts.lastRejection(host)
                    + "); Drover refused to connect and ran nothing on it. If the machine was reinstalled or its host keys were"
                    + " regenerated on purpose, remove the old key with `ssh-keygen -R '" + host + "' -f " + knownHosts.file()
                    + "` and run again; otherwise the connection may be intercepted.");
        } catch (UncheckedIOException e) {
            throw new SshException(target + ": " + e.getMessage(), e.getCause());
        } catch (JSchException e) {
            String reason = e.getMessage() != null && e.getMessage().contains("Auth fail")
                    ? "the key " + target.keyFile() + " was not accepted for user " + target.user()
                    : String.valueOf(e.getMessage());
            throw new SshException("cannot connect to " + target + ": " + reason, e);
        }
        return new SshSession(target, session);
    }

    private JSch jschFor(SshTarget target) throws SshException {
        String key = target.keyFile().toString();
        JSch existing = byKey.get(key);
        if (existing != null) {
            return existing;
        }
        if (!Files.isReadable(target.keyFile())) {
            throw new SshException(target + ": the SSH key " + target.keyFile() + " does not exist or cannot be read");
        }
        JSch jsch = new JSch();
        jsch.setHostKeyRepository(knownHosts);
        try {
            jsch.addIdentity(key);
        } catch (JSchException e) {
            throw new SshException(target + ": cannot load the SSH key " + key + ": " + e.getMessage(), e);
        }
        JSch raced = byKey.putIfAbsent(key, jsch);
        return raced == null ? jsch : raced;
    }
}
