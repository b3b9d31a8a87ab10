package dev.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DroverCommandTest {

    @Test
    void versionNamesTheBuildAndTheRuntime() {
        // when
        CliRun.Result result = new CliRun().run("--version");
        // then
        assertThat(result.code()).isZero();
        assertThat(result.out()).startsWith("drover 0.").contains("Java 25");
    }

    @ParameterizedTest
    @ValueSource(strings = {"console", "server", "agent", "agent cluster", "agent node", "kubeconfig", "kubeconfig export",
            "kubeconfig recover", "rke", "rke up", "rke remove", "rke etcd", "rke etcd snapshot-save", "rke etcd snapshot-restore",
            "rke cert", "rke cert rotate"})
    void everyCommandHasHelpEndingWithTheExitCodes(String command) {
        // given
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        // when
        CliRun.Result result = new CliRun().run(args.toArray(String[]::new));
        // then
        assertThat(result.code()).isZero();
        assertThat(result.out()).startsWith("Usage: drover " + command).contains("Exit codes:", "130  cancelled with Ctrl-C");
    }

    @Test
    void aWrongOptionIsOneSentenceWithASuggestionAndExitTwo() {
        // when
        CliRun.Result result = new CliRun().run("rke", "up", "--confg", "x.yml");
        // then
        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("drover: Unknown options: '--confg', 'x.yml'").contains("--config")
                .contains("See 'drover rke up --help'.").doesNotContain("at picocli", "Exception");
    }

    @Test
    void aGroupWithoutItsVerbSaysWhichToChoose() {
        CliRun.Result result = new CliRun().run("rke", "etcd");
        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("drover: Choose `snapshot-save` or `snapshot-restore`.");
    }

    @Test
    void anUnexpectedErrorIsOneSentenceAndDebugAddsTheStackTrace() {
        // given: a console hand-over that fails the way a bug would
        CliRun run = new CliRun().with(dev.drover.cli.console.ConsoleCommand.class,
                () -> new dev.drover.cli.console.ConsoleCommand(args -> {
                    throw new IllegalStateException("boom");
                }));
        // when
        CliRun.Result plain = run.run("console", "--data-dir", "/tmp/x");
        CliRun.Result debug = run.run("console", "--data-dir", "/tmp/x", "--debug");
        // then
        assertThat(plain.code()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(plain.err()).isEqualTo("drover: unexpected IllegalStateException: boom\n"
                + "drover: run the command again with --debug to see where it happened.\n");
        assertThat(debug.code()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(debug.err()).contains("java.lang.IllegalStateException: boom", "\tat dev.drover.cli");
    }
}
