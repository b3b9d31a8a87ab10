package dev.drover.cli;

import dev.drover.cli.agent.AgentCommand;
import dev.drover.cli.console.ConsoleCommand;
import dev.drover.cli.kubeconfig.KubeconfigCommand;
import dev.drover.cli.rke.RkeCommand;
import dev.drover.cli.server.ServerCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code drover} launcher: one executable for the console, the shared server, the agents, kubeconfig
 * export and recovery, and RKE's verbs. With no subcommand it opens the console, so the packaged launcher
 * does the right thing on a double-click. Each subcommand hands over to its module's own entry point.
 */
@Command(name = "drover", mixinStandardHelpOptions = true, versionProvider = DroverVersion.class,
        description = {
                "Desktop management console for fleets of Kubernetes clusters.",
                "Without a command, opens the console (same as `drover console`)."},
        subcommands = {ConsoleCommand.class, ServerCommand.class, AgentCommand.class, KubeconfigCommand.class,
                RkeCommand.class, CommandLine.HelpCommand.class})
public final class Drover implements Callable<Integer> {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of a failure (normally only one sentence is printed).")
    boolean debug;

    // Windows and macOS file associations start the launcher with just the file; Linux's desktop entry says `console %f`.
    @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "FILE",
            description = "A cluster.yml to open in the console's RKE wizard (same as `drover console FILE`).")
    java.nio.file.Path file;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** No command: the console subcommand with its defaults (the instance the command tree made). */
    @Override
    public Integer call() {
        ConsoleCommand console = spec.commandLine().getSubcommands().get("console").getCommand();
        if (file != null) {
            // An association always passes a path; a bare word is far likelier a mistyped command than a file.
            String named = file.toString();
            if (!named.contains("/") && !named.contains("\\") && !named.contains(".")) {
                throw new CliException(ExitCodes.USAGE, "Unknown command \"" + named + "\"; see 'drover --help' (a file to open needs its extension, e.g. cluster.yml).");
            }
            console.setFile(file);
        }
        return console.call();
    }

    public static void main(String[] args) {
        System.exit(commandLine(CommandLine.defaultFactory()).execute(args));
    }

    /** The command tree with Drover's error handling; tests pass a factory that swaps the hand-over points. */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(new Drover(), factory);
        commandLine.setExecutionExceptionHandler(new Failures());
        commandLine.setParameterExceptionHandler(Drover::usageError);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        addExitCodesFooter(commandLine);
        return commandLine;
    }

    /** Every {@code --help} ends with the exit codes, after the command's own footer (e.g. the agents' environment). */
    private static void addExitCodesFooter(CommandLine command) {
        String[] own = command.getCommandSpec().usageMessage().footer();
        if (own.length == 0 || !String.join("", own).contains("Exit codes")) {
            String[] footer = java.util.Arrays.copyOf(own, own.length + 1);
            footer[own.length] = ExitCodes.FOOTER;
            command.getCommandSpec().usageMessage().footer(footer);
        }
        command.getSubcommands().values().forEach(Drover::addExitCodesFooter);
    }

    /** A wrong command line: the sentence and where to read more, not the whole usage wall. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println("drover: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, command.getErr());
        command.getErr().println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
        command.getErr().flush();
        return ExitCodes.USAGE;
    }
}
