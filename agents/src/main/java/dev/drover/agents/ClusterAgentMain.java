package dev.drover.agents;

/**
 * The cluster agent (one per cluster, a Deployment): {@code DROVER_SERVER}, {@code DROVER_TOKEN},
 * {@code DROVER_CA_CHECKSUM}. With the argument {@code node-agent} it runs as {@link NodeAgentMain}.
 */
public final class ClusterAgentMain {

    private ClusterAgentMain() {
    }

    public static void main(String[] args) {
        boolean node = args.length > 0 && args[0].equals("node-agent");
        System.exit(AgentLauncher.run(node, System.getenv()));
    }
}
