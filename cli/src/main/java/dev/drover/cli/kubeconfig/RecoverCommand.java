package dev.drover.cli.kubeconfig;

import dev.drover.cli.CliException;
import dev.drover.cli.ExitCodes;
import dev.drover.engine.kubeconfig.Kubeconfig;
import dev.drover.engine.kubeconfig.KubeconfigVault;
import dev.drover.engine.kubeconfig.OfflineRecovery;
import dev.drover.engine.kubeconfig.SecretFiles;
import dev.drover.engine.provision.rke.RkeState;
import dev.drover.engine.provision.rke.RkeStateFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover kubeconfig recover}: works with the server down. From the vault: every direct (ACE) context
 * ever exported, each tested against its API server, the usable ones written as a direct-only kubeconfig.
 * From an RKE cluster.yml: RKE's own admin kubeconfig, or one rebuilt from cluster.rkestate's certificates.
 */
@Command(name = "recover", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a kubeconfig with direct access to your clusters while the Drover server is unreachable.",
                "Tests each direct (ACE) context kept in the vault; or, with --rke-config, uses RKE's own files."})
public final class RecoverCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Write the kubeconfig here (mode 0600, replaced).")
    Path output;

    @Option(names = "--vault", paramLabel = "DIR", description = "The vault (default: kubeconfig-vault in the data directory).")
    Path vault;

    @Option(names = "--rke-config", paramLabel = "cluster.yml",
            description = "Recover an RKE cluster from kube_config_<name>.yml or cluster.rkestate beside this file instead.")
    Path rkeConfig;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5", description = "How long each API server may take to answer (default 5).")
    int timeoutSeconds;

    @Option(names = "--keep-unreachable", description = "Also write contexts that did not answer (e.g. to try them later from another network).")
    boolean keepUnreachable;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        return rkeConfig != null ? fromRke() : fromVault();
    }

    private int fromVault() throws IOException {
        KubeconfigVault kept = new KubeconfigVault(vault != null ? vault : KubeconfigCommand.defaultVault(), Clock.systemUTC());
        List<Kubeconfig.Context> direct = kept.directContexts();
        if (direct.isEmpty()) {
            throw new CliException(ExitCodes.FAILED, "The vault at " + kept.directory()
                    + " holds no direct (ACE) contexts: export a kubeconfig with ACE contexts while the server is up.");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<OfflineRecovery.ContextCheck> checks = new OfflineRecovery(Duration.ofSeconds(timeoutSeconds)).testAll(direct);
        for (OfflineRecovery.ContextCheck check : checks) {
            out.printf("%-5s %-30s %s  %s%n", check.usable() ? "ok" : "FAIL", check.context().name(), check.context().server(), check.detail());
        }
        List<Kubeconfig.Context> chosen = checks.stream().filter(c -> keepUnreachable || c.usable()).map(OfflineRecovery.ContextCheck::context).toList();
        if (chosen.isEmpty()) {
            throw new CliException(ExitCodes.FAILED, "None of the " + direct.size() + " direct contexts answered; " + output
                    + " was not written (--keep-unreachable writes them anyway).");
        }
        OfflineRecovery.writeDirectOnly(output, chosen);
        out.println("Wrote " + output + " (0600) with " + chosen.size() + " direct context" + (chosen.size() == 1 ? "" : "s")
                + "; current context " + chosen.getFirst().name() + ".");
        return ExitCodes.OK;
    }

    private int fromRke() throws IOException {
        if (!Files.isRegularFile(rkeConfig)) {
            throw new CliException(ExitCodes.BAD_INPUT, "There is no cluster.yml at " + rkeConfig + ".");
        }
        Path adminKubeconfig = RkeStateFiles.kubeconfigPath(rkeConfig);
        PrintWriter out = spec.commandLine().getOut();
        if (Files.isRegularFile(adminKubeconfig)) {
            SecretFiles.write(output, Files.readString(adminKubeconfig));
            out.println("Wrote " + output + " (0600) from " + adminKubeconfig + " (RKE's admin kubeconfig).");
            return ExitCodes.OK;
        }
        Path statePath = RkeStateFiles.statePath(rkeConfig);
        Optional<RkeState.State> state = RkeStateFiles.readState(statePath)
                .map(s -> s.currentState() != null ? s.currentState() : s.desiredState())
                .filter(s -> !s.certificatesBundle().isEmpty());
        if (state.isEmpty()) {
            throw new CliException(ExitCodes.FAILED, "Neither " + adminKubeconfig.getFileName() + " nor a cluster.rkestate with certificates is beside "
                    + rkeConfig + ": nothing to recover from.");
        }
        RkeStateFiles.writeAdminKubeconfig(output, state.get().rkeConfig(), state.get().certificatesBundle());
        out.println("Wrote " + output + " (0600), rebuilt from the admin certificate in " + statePath + ".");
        return ExitCodes.OK;
    }
}
