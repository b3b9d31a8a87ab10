package dev.drover.engine.provision.rke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Production {@link NodeDrainer}: the machine's {@code kubectl} with the cluster's admin kubeconfig, as
 * RKE drives cordon and drain. kubectl's drain already evicts with retries and respects disruption
 * budgets, which is why it is used rather than re-implemented.
 */
public final class KubectlDrainer implements NodeDrainer {

    private final Path kubeconfig;

    public KubectlDrainer(Path adminKubeconfig) {
        this.kubeconfig = adminKubeconfig;
    }

    @Override
    public void cordon(String nodeName) throws IOException {
        run(command("cordon", nodeName), 60);
    }

    @Override
    public void drain(String nodeName, DrainOptions options) throws IOException {
        run(drainCommand(nodeName, options), options.timeout().toSeconds() + 30);
    }

    @Override
    public void uncordon(String nodeName) throws IOException {
        run(command("uncordon", nodeName), 60);
    }

    /** The {@code kubectl drain} line for RKE's {@code node_drain_input}. */
    List<String> drainCommand(String nodeName, DrainOptions options) {
        List<String> command = command("drain", nodeName);
        command.add("--force");
        command.add("--timeout=" + options.timeout().toSeconds() + "s");
        if (options.ignoreDaemonSets()) {
            command.add("--ignore-daemonsets");
        }
        if (options.deleteLocalData()) {
            command.add("--delete-emptydir-data");
        }
        return command;
    }

    private List<String> command(String verb, String nodeName) {
        // each API request bounded, so an unreachable API server fails the step instead of hanging it
        return new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "--request-timeout=30s", verb, nodeName));
    }

    private static void run(List<String> command, long timeoutSeconds) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("`kubectl " + command.get(4) + " " + command.get(5) + "` did not finish within " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("`kubectl " + command.get(4) + " " + command.get(5) + "` failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running kubectl " + command.get(4), e);
        }
    }
}
