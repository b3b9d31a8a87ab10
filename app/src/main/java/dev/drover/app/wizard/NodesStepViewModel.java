package dev.drover.app.wizard;

import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.NodeAccess;
import dev.drover.engine.api.RkeNodeSpec;
import dev.drover.engine.api.RkeRole;
import dev.drover.engine.api.SshTestResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 2: the machines, their roles, and "Test SSH" per machine (run by the engine, which is where the
 * keys and known_hosts live). FX thread; the engine's answers are moved back onto it.
 */
public final class NodesStepViewModel {

    private final ManagementApi api;
    private final FxThreads threads;
    private final ObservableList<NodeEntry> nodes = FXCollections.observableArrayList();

    public NodesStepViewModel(ManagementApi api, FxThreads threads) {
        this.api = api;
        this.threads = threads;
        NodeEntry first = addNode();
        first.etcdProperty().set(true);
        first.controlplaneProperty().set(true);
        first.workerProperty().set(true);
    }

    public ObservableList<NodeEntry> nodes() {
        return nodes;
    }

    /** A new machine, with the user and key of the last one (machines of a cluster usually share them) and the worker role. */
    public NodeEntry addNode() {
        NodeEntry entry = new NodeEntry();
        if (!nodes.isEmpty()) {
            entry.userProperty().set(nodes.getLast().userProperty().get());
            entry.keyPathProperty().set(nodes.getLast().keyPathProperty().get());
            entry.workerProperty().set(true);
        }
        nodes.add(entry);
        return entry;
    }

    public void removeNode(NodeEntry entry) {
        nodes.remove(entry);
    }

    /** Asks the engine to log in to the machine; the result lands on the entry. Returns at once. */
    public void testSsh(NodeEntry entry) {
        String problem = accessProblem(entry, nodes.indexOf(entry) + 1);
        if (!problem.isEmpty()) {
            entry.testStateProperty().set(NodeEntry.TestState.FAILED);
            entry.testMessageProperty().set(problem);
            return;
        }
        entry.testStateProperty().set(NodeEntry.TestState.TESTING);
        entry.testMessageProperty().set("Connecting to " + entry.addressProperty().get().strip() + "…");
        api.testSshNode(access(entry)).whenComplete((result, failure) -> threads.fx().execute(() -> show(entry, result, failure)));
    }

    private static void show(NodeEntry entry, SshTestResult result, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            entry.testStateProperty().set(NodeEntry.TestState.FAILED);
            entry.testMessageProperty().set(cause instanceof ApiException ? cause.getMessage() : "The engine failed: " + cause);
            return;
        }
        entry.testStateProperty().set(result.ready() ? NodeEntry.TestState.READY
                : result.reachable() ? NodeEntry.TestState.REACHABLE : NodeEntry.TestState.FAILED);
        entry.testMessageProperty().set(result.message()
                + (result.hostKeyFingerprint().isEmpty() ? "" : " Host key " + result.hostKeyFingerprint() + "."));
    }

    /** The first thing to fix on this step, or empty. */
    public String problem() {
        if (nodes.isEmpty()) {
            return "Nodes: add at least one machine.";
        }
        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeEntry node = nodes.get(i);
            String problem = accessProblem(node, i + 1);
            if (!problem.isEmpty()) {
                return problem;
            }
            if (!addresses.add(node.addressProperty().get().strip())) {
                return "Node " + (i + 1) + ": " + node.addressProperty().get().strip() + " is listed twice.";
            }
            if (!node.hasAnyRole()) {
                return "Node " + (i + 1) + ": give it at least one role (etcd, control plane or worker).";
            }
        }
        for (RkeRole role : RkeRole.values()) {
            if (nodes.stream().noneMatch(n -> roles(n).contains(role))) {
                return "Roles: no machine has the " + label(role) + " role; a cluster needs at least one.";
            }
        }
        return "";
    }

    private static String accessProblem(NodeEntry node, int number) {
        if (node.addressProperty().get().isBlank()) {
            return "Node " + number + ": enter its address.";
        }
        if (node.userProperty().get().isBlank()) {
            return "Node " + number + ": enter the SSH user, e.g. ubuntu.";
        }
        if (port(node) < 1) {
            return "Node " + number + ": the SSH port is a number from 1 to 65535.";
        }
        return "";
    }

    private static int port(NodeEntry node) {
        try {
            int port = Integer.parseInt(node.portProperty().get().strip());
            return port >= 1 && port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String label(RkeRole role) {
        return switch (role) {
            case ETCD -> "etcd";
            case CONTROLPLANE -> "control plane";
            case WORKER -> "worker";
        };
    }

    private static NodeAccess access(NodeEntry node) {
        return new NodeAccess(node.addressProperty().get(), port(node), node.userProperty().get(), node.keyPathProperty().get());
    }

    private static Set<RkeRole> roles(NodeEntry node) {
        Set<RkeRole> roles = EnumSet.noneOf(RkeRole.class);
        if (node.etcdProperty().get()) {
            roles.add(RkeRole.ETCD);
        }
        if (node.controlplaneProperty().get()) {
            roles.add(RkeRole.CONTROLPLANE);
        }
        if (node.workerProperty().get()) {
            roles.add(RkeRole.WORKER);
        }
        return roles;
    }

    /** The machines as the engine takes them. */
    List<RkeNodeSpec> specs() {
        List<RkeNodeSpec> specs = new ArrayList<>();
        nodes.forEach(node -> specs.add(new RkeNodeSpec(access(node), roles(node))));
        return specs;
    }
}
