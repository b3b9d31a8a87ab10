package dev.drover.cli.rke;

import dev.drover.cli.CliException;
import dev.drover.cli.ExitCodes;
import dev.drover.engine.provision.rke.Cancellation;
import dev.drover.engine.provision.rke.ClusterConfigException;
import dev.drover.engine.provision.rke.ConfigError;
import dev.drover.engine.provision.rke.ProvisionException;
import dev.drover.engine.provision.rke.ProvisionListener;
import dev.drover.engine.provision.rke.ProvisionOptions;
import dev.drover.engine.provision.rke.RkeCommands;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One RKE verb from start to end: cluster.yml checked before any host is touched, progress printed, and
 * Ctrl-C turned into a {@link Cancellation} that lets the hosts already working finish their step (the
 * shutdown hook waits for that, up to {@link #CANCEL_GRACE_MINUTES} minutes) so no node is left half-done.
 */
final class RkeRun {

    static final long CANCEL_GRACE_MINUTES = 5;

    /** A verb of {@link RkeCommands}. */
    @FunctionalInterface
    interface Verb {
        void run(RkeCommands rke, Path clusterYml, ProvisionListener listener, Cancellation cancellation) throws ProvisionException, IOException;
    }

    private RkeRun() {
    }

    static int run(RkeOptions options, PrintWriter out, Verb verb) throws ProvisionException, IOException {
        Path clusterYml = options.config;
        if (!Files.isRegularFile(clusterYml)) {
            throw new CliException(ExitCodes.BAD_INPUT, "There is no cluster.yml at " + clusterYml.toAbsolutePath()
                    + " (pass --config FILE).");
        }
        List<ConfigError> errors = RkeCommands.validate(Files.readString(clusterYml));
        if (!errors.isEmpty()) {
            throw new ClusterConfigException(errors);
        }
        if (options.parallelism < 1) {
            throw new CliException(ExitCodes.USAGE, "--parallelism must be at least 1, got " + options.parallelism + ".");
        }
        RkeCommands rke = RkeCommands.withDocker(options.knownHostsFile(), ProvisionOptions.DEFAULTS.withParallelism(options.parallelism));
        Cancellation cancellation = new Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            out.println("drover: cancelling; hosts already working finish their step first...");
            out.flush();
            cancellation.cancel();
            try {
                finished.await(CANCEL_GRACE_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "drover-rke-cancel");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            verb.run(rke, clusterYml, new ProgressPrinter(out), cancellation);
            return ExitCodes.OK;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running (Ctrl-C): it returns now that the run has ended.
            }
        }
    }
}
