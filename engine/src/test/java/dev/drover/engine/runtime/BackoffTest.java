package dev.drover.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesPerFailureUpToTheCapAndResetsOnForget() {
        Backoff<String> backoff = new Backoff<>(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(backoff.next("k")).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.next("k")).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.next("k")).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.next("k")).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.next("k")).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next("other")).isEqualTo(Duration.ofMillis(100));
        backoff.forget("k");
        assertThat(backoff.next("k")).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void neverOverflowsAfterManyFailures() {
        Backoff<String> backoff = new Backoff<>(Duration.ofMillis(100), Duration.ofMinutes(5));
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.next("k")).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> new Backoff<String>(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff<String>(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
