package dev.drover.agents;

import dev.drover.tunnel.protocol.eventloop.PollingTransport;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * Wires an agent from its environment and runs it until the process ends. Configuration problems and a
 * CA mismatch end the process with {@link #EXIT_CONFIGURATION} and a message saying what to do.
 */
final class AgentLauncher {

    static final int EXIT_CONFIGURATION = 2;
    static final String NODE_NAME = "DROVER_NODE_NAME";
    /** Netty's system property naming its default buffer allocator; read once, when Netty first loads. */
    static final String NETTY_ALLOCATOR = "io.netty.allocator.type";

    private AgentLauncher() {
    }

    /**
     * Makes Netty's pooled allocator the default unless the operator chose one. Must run before anything
     * loads Netty. Why: an agent runs in a small heap, and below 512 MiB of direct memory Netty 4.2's
     * default (adaptive) allocator pools only buffers up to ~16 KiB; every larger one (each 256 KiB read of
     * a bulk target, see {@link TunnelAgent#TARGET_READ_SIZE}) was then a fresh native allocation, zeroed,
     * and freed through a handshake with every JVM thread (Java 25's memory-segment cleaner) — over a
     * thousand a second on a bulk stream. The pooled allocator keeps its chunks: back to back, bulk
     * throughput rose by a fifth or more (BENCHMARKS.md, "Tunnel").
     */
    static void choosePooledAllocator() {
        if (System.getProperty(NETTY_ALLOCATOR) == null) {
            System.setProperty(NETTY_ALLOCATOR, "pooled");
        }
    }

    /** Runs the agent; returns only on failure, with the exit code. */
    static int run(boolean nodeAgent, Map<String, String> env) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %5$s%6$s%n");
        choosePooledAllocator();
        AgentSettings settings;
        AllowList allowList;
        String node = null;
        try {
            settings = AgentSettings.fromEnvironment(env);
            allowList = AllowList.detect(env);
            if (nodeAgent) {
                node = env.getOrDefault(NODE_NAME, "").strip();
                if (node.isEmpty()) {
                    throw new IllegalArgumentException(NODE_NAME + " is not set: the DaemonSet passes spec.nodeName in it.");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("drover agent: " + e.getMessage());
            return EXIT_CONFIGURATION;
        }
        System.err.println("drover agent: " + settings + ", allow-list " + allowList.targets());
        Vertx vertx = PollingTransport.vertx(settings.eventLoopPoll());
        TunnelAgent agent = new TunnelAgent(vertx, settings, node, allowList,
                new Backoff(Duration.ofMillis(250), Duration.ofSeconds(4), new Random()),
                () -> ApiServerAccess.read(env, ApiServerAccess.SERVICE_ACCOUNT));
        try {
            agent.start().await();
        } catch (CaMismatchException e) {
            System.err.println("drover agent: " + e.getMessage());
            vertx.close();
            return EXIT_CONFIGURATION;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.stop();
            vertx.close();
        }));
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
