package dev.drover.agents;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Jittered exponential backoff between reconnect attempts: the n-th delay is drawn uniformly from
 * [d/2, d] with d = min(initial·2ⁿ, max), so a fleet of agents that lost the server together does not
 * come back in lock-step. Not thread-safe; one per agent loop.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;
    private int attempt;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    Duration next() {
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt, 20));
        attempt++;
        return Duration.ofMillis(ceiling / 2 + random.nextLong(ceiling / 2 + 1));
    }

    void reset() {
        attempt = 0;
    }
}
