package dev.drover.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.api.EngineInfo;
import dev.drover.engine.api.EngineMode;
import org.junit.jupiter.api.Test;

class ShellViewModelTest {

    @Test
    void describes_lab_and_remote_engines() {
        // given
        EngineInfo lab = new EngineInfo(EngineMode.LAB, "/root/.local/share/drover/drover.db", "0.1.0");
        EngineInfo remote = new EngineInfo(EngineMode.REMOTE, "https://drover.example:8443", "0.1.0");

        // when / then
        assertThat(ShellViewModel.describe(lab)).isEqualTo("Lab · in-process · /root/.local/share/drover/drover.db");
        assertThat(ShellViewModel.describe(remote)).isEqualTo("Remote · https://drover.example:8443");
    }
}
