package dev.drover.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.app.connect.ConsoleSettings;
import dev.drover.app.connect.RememberedServer;
import dev.drover.cli.CliRun;
import dev.drover.cli.ExitCodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleCommandTest {

    @TempDir
    Path config;

    private final List<List<String>> launched = new ArrayList<>();
    private CliRun cli;

    @BeforeEach
    void recordLaunches() {
        System.setProperty("drover.configDir", config.toString());
        cli = new CliRun().with(ConsoleCommand.class, () -> new ConsoleCommand(args -> launched.add(List.of(args))));
    }

    @AfterEach
    void clear() {
        System.clearProperty("drover.configDir");
    }

    @Test
    void opensTheLabEngineByDefault() {
        // when
        CliRun.Result result = cli.run("console", "--data-dir", "/srv/lab");
        // then
        assertThat(result.code()).isZero();
        assertThat(launched).containsExactly(List.of("console", "--data-dir", "/srv/lab"));
    }

    @Test
    void serverIsRememberedAndTheConnectPageOpensOnItKeepingItsConfirmedFingerprint() {
        // given: the server was used before, with a confirmed fingerprint
        ConsoleSettings before = ConsoleSettings.load(config);
        before.rememberServer(new RememberedServer("https://drover.example:8443", "alice", "ab12"));
        before.rememberServer(new RememberedServer("https://other:8443", "bob", ""));
        before.save();
        // when
        CliRun.Result result = cli.run("console", "--server", "https://drover.example:8443/");
        // then: first in the list (the connect page fills it in), remote mode, nothing forgotten
        assertThat(result.code()).isZero();
        assertThat(launched).containsExactly(List.of("console"));
        ConsoleSettings after = ConsoleSettings.load(config);
        assertThat(after.servers()).containsExactly(new RememberedServer("https://drover.example:8443", "alice", "ab12"),
                new RememberedServer("https://other:8443", "bob", ""));
        assertThat(after.lastMode()).isEqualTo("remote");
        // and a plain `drover` afterwards goes back to the connect page rather than to the lab
        cli.run();
        assertThat(launched).hasSize(2);
    }

    @Test
    void aServerThatIsNotHttpsIsRefusedBeforeAnythingOpens() {
        // when
        CliRun.Result result = cli.run("console", "--server", "http://drover.example:8443");
        // then
        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("drover: --server takes the https://HOST:PORT URL `drover server` printed, got \"http://drover.example:8443\".\n");
        assertThat(launched).isEmpty();
        assertThat(ConsoleSettings.load(config).servers()).isEmpty();
    }

    @Test
    void serverAndDataDirExcludeEachOther() {
        CliRun.Result result = cli.run("console", "--server", "https://a:1", "--data-dir", "/x");
        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("drover: Choose --server or --data-dir, not both");
        assertThat(launched).isEmpty();
    }

    @Test
    void aFileIsHandedToTheConsoleAsAnAbsolutePathWithOrWithoutTheCommand() {
        // when: as typed, and as a Windows/macOS file association starts the launcher
        CliRun.Result typed = cli.run("console", "--data-dir", "/srv/lab", "prod/cluster.yml");
        CliRun.Result associated = cli.run("/home/me/prod.rkecluster.yml");
        // then: the file is not read here (the window says what is wrong with it), only passed on
        assertThat(typed.code()).isZero();
        assertThat(associated.code()).isZero();
        assertThat(launched.get(0)).containsExactly("console", "--data-dir", "/srv/lab", Path.of("prod/cluster.yml").toAbsolutePath().toString());
        assertThat(launched.get(1)).hasSize(4).endsWith("/home/me/prod.rkecluster.yml").startsWith("console", "--data-dir");
    }

    @Test
    void twoFilesAreAUsageErrorBeforeAnythingOpens() {
        // when
        CliRun.Result result = cli.run("console", "a.yml", "b.yml");
        // then
        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("drover: ").contains("b.yml");
        assertThat(launched).isEmpty();
    }

    @Test
    void aMistypedCommandIsNotTakenForAFile() {
        // when
        CliRun.Result result = cli.run("sever");
        // then
        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("drover: Unknown command \"sever\"");
        assertThat(launched).isEmpty();
    }
}
