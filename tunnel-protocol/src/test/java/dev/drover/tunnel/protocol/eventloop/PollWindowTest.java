package dev.drover.tunnel.protocol.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollWindowTest {

    private static final long MAX = 80_000;

    @Test
    void startsAtZeroSoAFreshLoopSleepsAtOnce() {
        assertThat(new PollWindow(Duration.ofNanos(MAX)).nanos()).isZero();
    }

    @Test
    void wakeUpsSoonAfterSleepingGrowTheWindowUpToTheMaximum() {
        // given
        PollWindow window = new PollWindow(Duration.ofNanos(MAX));
        // when / then
        window.slept(30_000);
        assertThat(window.nanos()).isEqualTo(PollWindow.FIRST_NANOS);
        window.slept(30_000);
        assertThat(window.nanos()).isEqualTo(2 * PollWindow.FIRST_NANOS);
        for (int i = 0; i < 10; i++) {
            window.slept(MAX);
        }
        assertThat(window.nanos()).isEqualTo(MAX);
    }

    @Test
    void longSleepsHalveTheWindowDownToZero() {
        // given
        PollWindow window = new PollWindow(Duration.ofNanos(MAX));
        for (int i = 0; i < 10; i++) {
            window.slept(1_000);
        }
        // when / then
        window.slept(MAX + 1);
        assertThat(window.nanos()).isEqualTo(MAX / 2);
        window.slept(5_000_000);
        window.slept(5_000_000);
        assertThat(window.nanos()).isEqualTo(MAX / 8);
        window.slept(5_000_000);
        assertThat(window.nanos()).isZero();
    }

    @Test
    void aZeroMaximumNeverPolls() {
        PollWindow window = new PollWindow(Duration.ZERO);
        window.slept(1_000);
        assertThat(window.nanos()).isZero();
    }

    @Test
    void aNegativeMaximumIsRefused() {
        assertThatThrownBy(() -> new PollWindow(Duration.ofNanos(-1)))
                .hasMessage("The event-loop poll window cannot be negative, got PT-0.000000001S.");
    }
}
