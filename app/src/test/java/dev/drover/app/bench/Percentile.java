package dev.drover.app.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of nanoseconds, reported in milliseconds. */
final class Percentile {

    private Percentile() {
    }

    static double ms(long[] samples, int count, double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }
}
