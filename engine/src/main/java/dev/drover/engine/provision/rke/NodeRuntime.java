package dev.drover.engine.provision.rke;

import dev.drover.engine.provision.rke.ssh.ExecResult;
import dev.drover.engine.provision.rke.ssh.SshException;
import dev.drover.engine.provision.rke.ssh.SshSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How components run on a node. The provisioner decides what must run where; a runtime knows how to
 * start, inspect and stop it over the node's SSH session. {@link DockerOverSsh} is production (Docker
 * containers, as RKE does). Every method blocks and is called from the provisioner's virtual threads,
 * possibly for many hosts at once, never for the same host and component at once.
 */
public interface NodeRuntime {

    /** What runs under a component's name on a node. */
    record Status(boolean running, String specHash) {
    }

    /** Checks the node can run components (e.g. Docker answers); throws saying what is missing. */
    void check(SshSession host) throws SshException;

    /** The component of that name on the node, if there is one. Read-only. */
    Optional<Status> inspect(SshSession host, String name) throws SshException;

    /** Starts the component, replacing whatever ran under its name. */
    void run(SshSession host, Component component) throws SshException;

    /** Starts the stopped component of that name as it was. */
    void start(SshSession host, String name) throws SshException;

    /** Stops and deletes the component of that name; false if there was none. */
    boolean remove(SshSession host, String name) throws SshException;

    /** Runs {@code command} alongside the running component, with its environment and mounts (etcdctl beside etcd). */
    ExecResult exec(SshSession host, Component component, List<String> command) throws SshException;

    /** Runs the component once to completion (an etcd snapshot restore) and deletes it afterwards. */
    ExecResult runOnce(SshSession host, Component component) throws SshException;

    /** Whether the running component answers its health check now. Read-only. */
    boolean healthy(SshSession host, Component component) throws SshException;

    /**
     * Makes the component run exactly as specified, changing nothing if it already does; true if it had
     * to start or replace it. Idempotent.
     */
    default boolean ensure(SshSession host, Component component) throws SshException {
        return ensure(host, component, inspect(host, component.name()));
    }

    /**
     * The components of those names that exist on the node, by name. Read-only. Runtimes answer in one
     * round trip where they can: on a wide fan-out each SSH command costs both ends CPU.
     */
    default Map<String, Status> inspectAll(SshSession host, List<String> names) throws SshException {
        Map<String, Status> found = new LinkedHashMap<>();
        for (String name : names) {
            inspect(host, name).ifPresent(status -> found.put(name, status));
        }
        return found;
    }

    /** {@link #ensure(SshSession, Component)} with the component's status already inspected. */
    default boolean ensure(SshSession host, Component component, Optional<Status> status) throws SshException {
        String wanted = component.specHash();
        if (status.isPresent() && status.get().specHash().equals(wanted)) {
            if (status.get().running()) {
                return false;
            }
            start(host, component.name());
            return true;
        }
        run(host, component);
        return true;
    }
}
