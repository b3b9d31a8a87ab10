package dev.drover.engine.reconcile.nodepool;

import dev.drover.engine.provision.rke.ProvisionOptions;
import dev.drover.engine.provision.rke.RkeCommands;
import dev.drover.engine.provision.rke.ssh.KnownHosts;
import dev.drover.engine.provision.rke.ssh.SshConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The production provisioner and health check, made on first use: an engine with no node pools (most,
 * and every test) never creates the rke directory or opens its known_hosts.
 */
final class RkeTools {

    private final Supplier<Path> root;
    private volatile RkePoolProvisioner provisioner;
    private volatile SshNodeHealth health;

    RkeTools(Supplier<Path> root) {
        this.root = root;
    }

    synchronized RkePoolProvisioner provisioner() {
        init();
        return provisioner;
    }

    synchronized SshNodeHealth health() {
        init();
        return health;
    }

    private void init() {
        if (provisioner != null) {
            return;
        }
        try {
            Path directory = root.get();
            Files.createDirectories(directory);
            Path knownHosts = directory.resolve("known_hosts");
            provisioner = new RkePoolProvisioner(directory, RkeCommands.withDocker(knownHosts, ProvisionOptions.DEFAULTS));
            health = new SshNodeHealth(new SshConnector(KnownHosts.open(knownHosts), Duration.ofSeconds(10)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + root.get() + " for node pools: " + e.getMessage(), e);
        }
    }
}
