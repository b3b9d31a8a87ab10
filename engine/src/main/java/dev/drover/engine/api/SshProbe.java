package dev.drover.engine.api;

import dev.drover.engine.provision.rke.RkeCommands;
import dev.drover.engine.provision.rke.ssh.HostKeyChangedException;
import dev.drover.engine.provision.rke.ssh.KnownHosts;
import dev.drover.engine.provision.rke.ssh.SshConnector;
import dev.drover.engine.provision.rke.ssh.SshException;
import dev.drover.engine.provision.rke.ssh.SshSession;
import dev.drover.engine.provision.rke.ssh.SshTarget;
import java.util.Base64;

/**
 * The wizard's "Test SSH": first a login of its own (so "unreachable" and "reachable but cannot run
 * components" are told apart, and the host key's fingerprint is known), then the provisioner's node check.
 * Blocking; runs on an engine command thread.
 */
final class SshProbe {

    private final SshConnector ssh;
    private final RkeCommands rke;

    SshProbe(SshConnector ssh, RkeCommands rke) {
        this.ssh = ssh;
        this.rke = rke;
    }

    SshTestResult test(NodeAccess access) {
        SshTarget target = target(access);
        try (SshSession ignored = ssh.connect(target)) {
            // logged in: the host key is recorded now
        } catch (HostKeyChangedException e) {
            return new SshTestResult(false, false, "", e.getMessage());
        } catch (SshException e) {
            return new SshTestResult(false, false, fingerprint(target), e.getMessage() + ". " + connectHint(e, target));
        }
        String fingerprint = fingerprint(target);
        try {
            rke.testNode(target.address(), target.port(), target.user(), target.privateKeyPath());
            return new SshTestResult(true, true, fingerprint, "Logged in as " + target + " and it can run cluster components.");
        } catch (SshException e) {
            return new SshTestResult(true, false, fingerprint, "Logged in as " + target + ", but " + e.getMessage() + ".");
        }
    }

    private static SshTarget target(NodeAccess access) {
        if (access == null || access.address().isEmpty()) {
            throw ApiErrors.invalid("address: enter the machine's host name or IP address.");
        }
        if (access.user().isEmpty()) {
            throw ApiErrors.invalid("user: enter the SSH user, e.g. ubuntu.");
        }
        int port = access.port() == 0 ? 22 : access.port();
        if (port < 1 || port > 65535) {
            throw ApiErrors.invalid("port: between 1 and 65535, got " + access.port() + ".");
        }
        return new SshTarget(access.address(), port, access.user(), access.sshKeyPath().isEmpty() ? "~/.ssh/id_rsa" : access.sshKeyPath());
    }

    private String fingerprint(SshTarget target) {
        return ssh.knownHosts().recorded(target.knownHostsName())
                .map(recorded -> KnownHosts.fingerprint(Base64.getDecoder().decode(recorded.substring(recorded.indexOf(' ') + 1))))
                .orElse("");
    }

    private static String connectHint(SshException e, SshTarget target) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("was not accepted")) {
            return "Add the key's public half to ~" + target.user() + "/.ssh/authorized_keys on " + target.address() + ".";
        }
        if (message.contains("SSH key")) {
            return "Check the key path; it is read on the machine running the engine.";
        }
        return "Check the address and that an SSH server listens on port " + target.port() + ".";
    }
}
