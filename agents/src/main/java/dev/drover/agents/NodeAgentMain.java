package dev.drover.agents;

/**
 * The node agent (every node, a DaemonSet): the cluster agent's environment plus {@code DROVER_NODE_NAME};
 * its session key is {@code cluster:node}, and the server falls back to it when the cluster agent is down.
 */
public final class NodeAgentMain {

    private NodeAgentMain() {
    }

    public static void main(String[] args) {
        System.exit(AgentLauncher.run(true, System.getenv()));
    }
}
