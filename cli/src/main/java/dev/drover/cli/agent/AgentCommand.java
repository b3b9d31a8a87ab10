package dev.drover.cli.agent;

import dev.drover.agents.ClusterAgentMain;
import dev.drover.agents.NodeAgentMain;
import picocli.CommandLine.Command;

/**
 * {@code drover agent cluster|node}: the agents outside a cluster (on a jump host, or for a test). They
 * take their settings from the environment exactly as in their Deployment/DaemonSet, so the same values
 * work in both places; they run until stopped and exit 2 on a configuration problem.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Run a cluster or node agent outside the cluster (settings from the environment, as in the manifests).",
        subcommands = {AgentCommand.Cluster.class, AgentCommand.Node.class})
public final class AgentCommand implements Runnable {

    static final String ENVIRONMENT = """
            %nEnvironment:
              DROVER_SERVER        https://HOST:PORT of the Drover server
              DROVER_TOKEN         the registration token of the import command
              DROVER_CA_CHECKSUM   SHA-256 of the server CA, as `drover server` prints it
              KUBECONFIG           outside a cluster: the API server to expose\n                       (default ~/.kube/config)""";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Choose `cluster` or `node`.");
    }

    /** The cluster agent (one per cluster). */
    @Command(name = "cluster", mixinStandardHelpOptions = true, footer = ENVIRONMENT,
            description = "Run the cluster agent: dials the server and serves its tunnel until stopped.")
    static final class Cluster implements Runnable {
        @Override
        public void run() {
            ClusterAgentMain.main(new String[0]);
        }
    }

    /** The node agent (one per node); the server falls back to it when the cluster agent is down. */
    @Command(name = "node", mixinStandardHelpOptions = true,
            footer = ENVIRONMENT + "%n  DROVER_NODE_NAME     this node's name (the DaemonSet passes spec.nodeName)",
            description = "Run the node agent for one node until stopped.")
    static final class Node implements Runnable {
        @Override
        public void run() {
            NodeAgentMain.main(new String[0]);
        }
    }
}
