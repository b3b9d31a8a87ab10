package dev.drover.server.tunnel;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** An agent in its own JVM, started from this test's classpath; its output goes to a file. */
final class AgentProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static AgentProcess start(String mainClass, Map<String, String> env, Path logDirectory) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Files.createTempFile(logDirectory, "agent-", ".log");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), mainClass)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("KUBERNETES_") || k.startsWith("DROVER_"));
        builder.environment().putAll(env);
        return new AgentProcess(builder.start(), log);
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    void awaitOutput(String text, Duration timeout) {
        await().atMost(timeout).until(() -> output().contains(text));
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("agent still running after " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL: no goodbye frames, the kernel just closes the sockets. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
