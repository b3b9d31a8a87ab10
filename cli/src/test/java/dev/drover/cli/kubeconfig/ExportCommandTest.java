package dev.drover.cli.kubeconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.cli.CliRun;
import dev.drover.cli.ExitCodes;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportCommandTest {

    private final CliRun cli = new CliRun().with(ExportCommand.class, () -> new ExportCommand(Map.of()));

    @Test
    void aMalformedFingerprintIsRefusedBeforeAnyConnection() {
        CliRun.Result result = cli.run("kubeconfig", "export", "--server", "https://127.0.0.1:1", "--fingerprint", "abc", "-o", "x");
        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("drover: --fingerprint takes the 64 hex digits `drover server` printed, got \"abc\".\n");
    }

    @Test
    void withoutCredentialsItSaysWhichToGive() {
        CliRun.Result result = cli.run("kubeconfig", "export", "--server", "https://127.0.0.1:1", "--fingerprint", "a".repeat(64), "-o", "x");
        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("drover: Say who you are: --user NAME");
    }

    @Test
    void anUnreachableServerIsExitCodeUnavailable() {
        CliRun run = new CliRun().with(ExportCommand.class, () -> new ExportCommand(Map.of(ExportCommand.PASSWORD_ENV, "pw")));
        CliRun.Result result = run.run("kubeconfig", "export", "--server", "https://127.0.0.1:1", "--fingerprint", "a".repeat(64),
                "--user", "admin", "-o", "x");
        assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.err().lines()).hasSize(1);
    }
}
