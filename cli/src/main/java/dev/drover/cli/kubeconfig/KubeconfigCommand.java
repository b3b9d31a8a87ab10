package dev.drover.cli.kubeconfig;

import dev.drover.engine.store.DataDirectories;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code drover kubeconfig export|recover}. */
@Command(name = "kubeconfig", mixinStandardHelpOptions = true,
        description = "Export a kubeconfig from a server, or recover direct access when the server is down.",
        subcommands = {ExportCommand.class, RecoverCommand.class})
public final class KubeconfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /**
     * Where exported kubeconfigs are kept for offline recovery, unless {@code --vault} says otherwise: beside
     * the lab store in the per-user data directory, which is already private to the user.
     */
    static Path defaultVault() {
        return DataDirectories.resolve().resolve("kubeconfig-vault");
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Choose `export` or `recover`.");
    }
}
