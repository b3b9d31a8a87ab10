package dev.drover.bench;

import java.util.Arrays;

/** Latency summary of one sample set, in nanoseconds (nearest-rank percentiles of the sorted samples). */
record Percentiles(int count, long p50, long p99, long max) {

    static Percentiles of(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double micros(long nanos) {
        return nanos / 1_000.0;
    }
}
