package dev.drover.engine.provision.rke;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Takes a node out of scheduling before its components are replaced on upgrade, and back after its
 * health checks pass: always cordoned, drained only when {@code upgrade_strategy.drain} is set (RKE's rule).
 * Called from the provisioner's virtual threads, for several nodes at once.
 */
public interface NodeDrainer {

    /** {@code node_drain_input}: how to drain. */
    record DrainOptions(Duration timeout, boolean ignoreDaemonSets, boolean deleteLocalData) {
        static DrainOptions of(RkeClusterConfig.UpgradeStrategy strategy) {
            return new DrainOptions(Duration.ofSeconds(strategy.drainTimeoutSeconds()), strategy.drainIgnoreDaemonSets(),
                    strategy.drainDeleteLocalData());
        }
    }

    /** Connects a drainer to a cluster through its admin kubeconfig (written after the control plane is up). */
    @FunctionalInterface
    interface Factory {
        NodeDrainer forCluster(Path adminKubeconfig);
    }

    void cordon(String nodeName) throws Exception;

    /** Evicts the node's pods (it is already cordoned); fails if they are not gone within the timeout. */
    void drain(String nodeName, DrainOptions options) throws Exception;

    void uncordon(String nodeName) throws Exception;
}
