package dev.drover.engine.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key exponential backoff for failed keys: base, 2×base, 4×base, … capped at max, as client-go's
 * ItemExponentialFailureRateLimiter. Thread-safe.
 */
public final class Backoff<K> {

    private final Duration base;
    private final Duration max;
    private final Map<K, Integer> failures = new ConcurrentHashMap<>();

    public Backoff(Duration base, Duration max) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= max, got " + base + " and " + max);
        }
        this.base = base;
        this.max = max;
    }

    /** Records one more failure of {@code key} and returns how long to wait before retrying it. */
    public Duration next(K key) {
        int attempt = failures.merge(key, 1, Integer::sum) - 1;
        if (attempt >= 62) {
            return max;
        }
        long nanos = base.toNanos();
        long multiplied = nanos << Math.min(attempt, 62);
        boolean overflowed = (multiplied >> Math.min(attempt, 62)) != nanos || multiplied < 0;
        Duration delay = overflowed ? max : Duration.ofNanos(multiplied);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** How many failures in a row {@code key} has had. */
    public int failures(K key) {
        return failures.getOrDefault(key, 0);
    }

    /** The key succeeded: start from {@code base} next time. */
    public void forget(K key) {
        failures.remove(key);
    }
}
