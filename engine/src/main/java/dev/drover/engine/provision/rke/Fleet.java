package dev.drover.engine.provision.rke;

import dev.drover.engine.provision.rke.ssh.SshConnector;
import dev.drover.engine.provision.rke.ssh.SshException;
import dev.drover.engine.provision.rke.ssh.SshSession;
import dev.drover.engine.provision.rke.ssh.SshTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The hosts of one run: one SSH session per host, reused by every step, and bounded fan-out (a virtual
 * thread per host, at most {@code parallelism} working at once). After the first failure no new host
 * is started; hosts already working finish, so no host is left half-done by us.
 */
final class Fleet implements AutoCloseable {

    /** Work on one host. */
    @FunctionalInterface
    interface HostTask {
        void run(RkeNode node, SshSession session) throws Exception;
    }

    private final SshConnector connector;
    private final Map<String, RkeNode> nodes = new LinkedHashMap<>();
    private final Semaphore permits;
    private final Map<String, SshSession> sessions = new ConcurrentHashMap<>();
    private final Progress progress;

    Fleet(SshConnector connector, List<RkeNode> nodes, int parallelism) {
        this(connector, nodes, parallelism, Progress.none());
    }

    Fleet(SshConnector connector, List<RkeNode> nodes, int parallelism, Progress progress) {
        this.connector = connector;
        this.progress = progress;
        nodes.forEach(n -> this.nodes.put(n.address(), n));
        this.permits = new Semaphore(parallelism);
    }

    RkeNode node(String address) {
        RkeNode node = nodes.get(address);
        if (node == null) {
            throw new IllegalArgumentException("no node " + address + " in this run");
        }
        return node;
    }

    /** The host's session, connecting (and verifying its host key) the first time. */
    SshSession session(String address) throws SshException {
        SshSession session = sessions.get(address);
        if (session == null || !session.isConnected()) {
            RkeNode node = node(address);
            session = connector.connect(new SshTarget(node.address(), node.port(), node.user(), node.sshKeyPath()));
            sessions.put(address, session);
        }
        return session;
    }

    Progress progress() {
        return progress;
    }

    /**
     * Runs {@code task} on every host of {@code addresses}, bounded; throws listing each host that failed.
     * After a failure or a cancellation, hosts not yet started are skipped.
     */
    void forEach(String doing, List<String> addresses, HostTask task) throws ProvisionException {
        progress.cancellation().throwIfCancelled(doing);
        Map<String, String> failures = new ConcurrentHashMap<>();
        AtomicReference<Throwable> first = new AtomicReference<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String address : addresses) {
                threads.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        if (failures.isEmpty() && !progress.cancellation().isCancelled()) {
                            progress.emit(new ProvisionEvent.NodeProgress(address, doing, ProvisionEvent.NodeStatus.STARTED, ""));
                            task.run(node(address), session(address));
                            progress.emit(new ProvisionEvent.NodeProgress(address, doing, ProvisionEvent.NodeStatus.DONE, ""));
                        } else {
                            progress.emit(new ProvisionEvent.NodeProgress(address, doing, ProvisionEvent.NodeStatus.SKIPPED, ""));
                        }
                    } catch (Exception | Error e) {
                        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                        String shortReason = reason.startsWith(address + ": ") ? reason.substring(address.length() + 2) : reason;
                        failures.put(address, shortReason);
                        first.compareAndSet(null, e);
                        progress.emit(new ProvisionEvent.NodeProgress(address, doing, ProvisionEvent.NodeStatus.FAILED, shortReason));
                        progress.log(address, doing + " failed: " + shortReason);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        if (!failures.isEmpty()) {
            throw ProvisionException.onHosts(doing, failures, first.get());
        }
        // hosts already working finished their step; the ones skipped must not count as done
        progress.cancellation().throwIfCancelled("finishing " + doing);
    }

    @Override
    public void close() {
        sessions.values().forEach(SshSession::close);
        sessions.clear();
    }
}
