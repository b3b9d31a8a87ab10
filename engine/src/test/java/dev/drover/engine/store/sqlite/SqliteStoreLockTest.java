package dev.drover.engine.store.sqlite;

import static dev.drover.engine.store.ContractFixtures.create;
import static dev.drover.engine.store.ContractFixtures.widget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.store.StoreLockedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One engine per data directory, whether the second comes from this JVM or another process. */
class SqliteStoreLockTest {

    private static final String OUR_PID = "in use by PID " + ProcessHandle.current().pid();

    @TempDir
    Path directory;

    @TempDir
    Path scratch;

    @Test
    void secondOpenInTheSameJvmIsRefusedNamingOurPid() {
        // given
        try (SqliteResourceStore store = SqliteResourceStore.open(directory)) {

            // when / then
            assertThatThrownBy(() -> SqliteResourceStore.open(directory))
                    .isInstanceOf(StoreLockedException.class)
                    .hasMessageContaining(OUR_PID);
            assertThatThrownBy(() -> SqliteResourceStore.open(directory.resolve(".").resolve("..").resolve(directory.getFileName())))
                    .as("the same directory under another spelling")
                    .isInstanceOf(StoreLockedException.class);
            create(store, widget("still-writable"));
        }
    }

    @Test
    void secondOpenFromAnotherProcessIsRefusedNamingTheHolder() throws Exception {
        // given
        try (SqliteResourceStore _ = SqliteResourceStore.open(directory)) {

            // when
            ProbeResult probe = probe();

            // then
            assertThat(probe.exitCode()).as(probe.output()).isEqualTo(LockProbe.LOCKED);
            assertThat(probe.output()).contains(OUR_PID);
        }
    }

    @Test
    void aRefusedOpenInThisJvmDoesNotReleaseTheLockForOtherProcesses() throws Exception {
        // given: on Linux, touching the lock file through a second descriptor would drop our lock
        try (SqliteResourceStore _ = SqliteResourceStore.open(directory)) {
            assertThatThrownBy(() -> SqliteResourceStore.open(directory)).isInstanceOf(StoreLockedException.class);

            // when
            ProbeResult probe = probe();

            // then
            assertThat(probe.exitCode()).as(probe.output()).isEqualTo(LockProbe.LOCKED);
            assertThat(probe.output()).contains(OUR_PID);
        }
    }

    @Test
    void closingReleasesTheDirectory() throws Exception {
        // given
        SqliteResourceStore.open(directory).close();
        SqliteResourceStore.open(directory).close();

        // when
        ProbeResult probe = probe();

        // then
        assertThat(probe.exitCode()).as(probe.output()).isZero();
        assertThat(probe.output()).contains("OPENED");
    }

    private ProbeResult probe() throws IOException, InterruptedException {
        Process process = ChildJvm.of(LockProbe.class, scratch, directory.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        return new ProbeResult(process.exitValue(), output);
    }

    private record ProbeResult(int exitCode, String output) {
    }
}
