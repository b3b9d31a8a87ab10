package dev.drover.server.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Send times by key, arrival times recorded against them, percentiles at the end. Thread-safe. */
final class Latencies {

    private final Map<String, Long> sent = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

    void sent(String key) {
        sent.put(key, System.nanoTime());
    }

    void arrived(String key) {
        Long start = sent.remove(key);
        if (start != null) {
            nanos.add(System.nanoTime() - start);
        }
    }

    int count() {
        return nanos.size();
    }

    /** "p50 / p90 / p99 / max" in milliseconds. */
    String summary() {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return "no samples";
        }
        return String.format(java.util.Locale.ROOT, "%.1f / %.1f / %.1f / %.1f ms", ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    double p99Millis() {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : ms(sorted, 0.99);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

}
