package dev.drover.cli.rke;

import dev.drover.engine.provision.rke.ProvisionResult;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code drover rke …}: RKE's verbs on Drover's provisioner ({@code engine.provision.rke.RkeCommands}),
 * with RKE's file layout, so an existing cluster.yml and its state files work as they are.
 */
@Command(name = "rke", mixinStandardHelpOptions = true,
        description = "Build and maintain RKE clusters from a cluster.yml (RKE's verbs and files).",
        subcommands = {RkeCommand.Up.class, RkeCommand.Remove.class, RkeCommand.Etcd.class, RkeCommand.Cert.class})
public final class RkeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Choose `up`, `remove`, `etcd` or `cert`.");
    }

    /** {@code rke up}. */
    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Bring the cluster to cluster.yml: certificates, etcd, control plane, workers (idempotent).")
    static final class Up implements Callable<Integer> {
        @Mixin
        RkeOptions options;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ProvisionResult[] result = new ProvisionResult[1];
            int code = RkeRun.run(options, spec.commandLine().getOut(), (rke, yml, listener, cancel) -> result[0] = rke.up(yml, listener, cancel));
            summarize(spec, result[0]);
            return code;
        }
    }

    /** {@code rke remove}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove every component from every node, empty RKE's directories and delete the state files.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        RkeOptions options;
        @Option(names = "--force", description = "Do not ask for confirmation.")
        boolean force;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!force && !confirmed(spec, "Remove the cluster of " + options.config + " from all its nodes? [y/N] ")) {
                throw new dev.drover.cli.CliException(dev.drover.cli.ExitCodes.FAILED, "Not confirmed: nothing was removed (pass --force in scripts).");
            }
            int code = RkeRun.run(options, spec.commandLine().getOut(), (rke, yml, listener, cancel) -> rke.remove(yml, listener, cancel));
            spec.commandLine().getOut().println("Cluster removed.");
            return code;
        }
    }

    /** {@code rke etcd snapshot-save|snapshot-restore}. */
    @Command(name = "etcd", mixinStandardHelpOptions = true, description = "etcd snapshots.",
            subcommands = {SnapshotSave.class, SnapshotRestore.class})
    static final class Etcd implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "Choose `snapshot-save` or `snapshot-restore`.");
        }
    }

    @Command(name = "snapshot-save", mixinStandardHelpOptions = true, description = "Take an etcd snapshot on every etcd node.")
    static final class SnapshotSave implements Callable<Integer> {
        @Mixin
        RkeOptions options;
        @Option(names = "--name", paramLabel = "NAME", description = "Snapshot name (default: rke_etcd_snapshot_<UTC time>).")
        String name;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            String snapshot = name != null ? name
                    : "rke_etcd_snapshot_" + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
            int code = RkeRun.run(options, spec.commandLine().getOut(), (rke, yml, listener, cancel) -> rke.snapshotSave(yml, snapshot, listener, cancel));
            spec.commandLine().getOut().println("Snapshot " + snapshot + " saved on every etcd node.");
            return code;
        }
    }

    @Command(name = "snapshot-restore", mixinStandardHelpOptions = true, description = "Restore every etcd member to a snapshot.")
    static final class SnapshotRestore implements Callable<Integer> {
        @Mixin
        RkeOptions options;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The snapshot to restore.")
        String name;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            int code = RkeRun.run(options, spec.commandLine().getOut(), (rke, yml, listener, cancel) -> rke.snapshotRestore(yml, name, listener, cancel));
            spec.commandLine().getOut().println("etcd restored to " + name + ".");
            return code;
        }
    }

    /** {@code rke cert rotate}. */
    @Command(name = "cert", mixinStandardHelpOptions = true, description = "Cluster certificates.", subcommands = Rotate.class)
    static final class Cert implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "Choose `rotate`.");
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Issue new certificates, deploy them and restart every component on them.")
    static final class Rotate implements Callable<Integer> {
        @Mixin
        RkeOptions options;
        @Option(names = "--rotate-ca", description = "Also replace the cluster CA (every kubeconfig must be exported again).")
        boolean rotateCa;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ProvisionResult[] result = new ProvisionResult[1];
            int code = RkeRun.run(options, spec.commandLine().getOut(),
                    (rke, yml, listener, cancel) -> result[0] = rke.rotateCertificates(yml, rotateCa, listener, cancel));
            summarize(spec, result[0]);
            return code;
        }
    }

    private static void summarize(CommandSpec spec, ProvisionResult result) {
        spec.commandLine().getOut().println(result.unchanged()
                ? "Nothing to change: the cluster already matches cluster.yml (" + result.took().toMillis() + " ms)."
                : "Done in " + result.took().toSeconds() + " s: planes " + String.join(", ", result.completedPlanes()) + ", "
                        + result.componentsChanged() + " components and " + result.filesChanged() + " files changed"
                        + (result.snapshot().isEmpty() ? "" : ", etcd snapshot " + result.snapshot() + " taken first") + ".");
    }

    private static boolean confirmed(CommandSpec spec, String question) {
        if (System.console() == null) {
            return false;
        }
        String answer = System.console().readLine("%s", question);
        return answer != null && answer.strip().equalsIgnoreCase("y");
    }
}
