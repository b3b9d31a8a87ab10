package dev.drover.bench;

import dev.drover.engine.store.sqlite.SqliteOptions.Durability;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The markdown report: one line per (benchmark, durability) with store, baseline, ratio and target.
 * Every ratio reads "store speed as a fraction of raw SQLite speed": store/raw for throughputs,
 * raw/store for latencies, so 1.00× is "as fast as raw" and higher is better throughout.
 */
final class BenchReport {

    /** A JMH score: mean and half-width of its 99.9% confidence interval. */
    record Score(double mean, double error) {
        String format() {
            return Double.isNaN(error) ? grouped(mean) : grouped(mean) + " ± " + grouped(error);
        }
    }

    /** One report line; a {@code target} of 0 means "reported, no target"; {@code ratioError} NaN if unknown. */
    record Line(String benchmark, Durability durability, String store, String baseline, double ratio, double ratioError,
                double target) {
        String verdict() {
            return target == 0 ? "—" : ratio >= target ? "PASS" : "FAIL";
        }
    }

    static final double SINGLE_WRITE_TARGET = 0.5;

    private final List<Line> lines = new ArrayList<>();
    private final List<WatchLatency.Result> latencies = new ArrayList<>();

    void throughput(String benchmark, Durability durability, WriteBenchmarks.Paired paired, double target) {
        lines.add(new Line(benchmark, durability, paired.store().format(), paired.raw().format(), paired.ratio().mean(),
                paired.ratio().error(), target));
    }

    void latency(WatchLatency.Result result) {
        latencies.add(result);
        lines.add(new Line("Watch event latency, " + result.watchers() + " watchers (µs p50 / p99 / max)",
                result.durability(), micros(result.delivery()), micros(result.rawInsert()),
                (double) result.rawInsert().p50() / result.delivery().p50(), Double.NaN, 0));
    }

    String markdown(Map<String, String> machine, String command, String when) {
        StringBuilder out = new StringBuilder();
        out.append("## Store benchmark (").append(when).append(")\n\n");
        out.append("Command: `").append(command).append("`\n\n");
        out.append("| Machine | |\n|---|---|\n");
        machine.forEach((key, value) -> out.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        out.append("\nRatio = store speed / raw SQLite speed: 1.00× is as fast as raw, higher is better. Writes: store and")
                .append(" raw operations alternate within each JMH iteration; figures are means over the measurement iterations")
                .append(" ± 99.9% CI, the ratio is the mean of the per-iteration ratios. Watch latency: raw p50 / store p50.\n\n");
        out.append("| Benchmark | Durability | Store | Raw SQLite baseline | Ratio | Target | Result |\n");
        out.append("|---|---|---:|---:|---:|---:|---|\n");
        for (Durability durability : Durability.values()) {
            for (Line line : lines) {
                if (line.durability() != durability) {
                    continue;
                }
                out.append("| ").append(line.benchmark())
                        .append(" | ").append(line.durability() == Durability.FULL ? "FULL (default)" : "NORMAL")
                        .append(" | ").append(line.store())
                        .append(" | ").append(line.baseline())
                        .append(" | ").append(ratio(line))
                        .append(" | ").append(line.target() == 0 ? "—" : String.format(Locale.ROOT, "≥ %.2f×", line.target()))
                        .append(" | ").append(line.verdict()).append(" |\n");
            }
        }
        if (!latencies.isEmpty()) {
            out.append("\nWatch latency detail (µs, p50 / p99 / max; a delivery sample is one (event, watcher) pair; the three"
                    + " writes of each step were interleaved; the unwatched store shows the commit without fan-out):\n\n");
            out.append("| Durability | Events | Delivery samples | Delivery p50 / p99 / max | create() returns, watched store"
                    + " | create() returns, unwatched store | Raw insert |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (WatchLatency.Result result : latencies) {
                out.append("| ").append(result.durability())
                        .append(" | ").append(result.events())
                        .append(" | ").append(result.delivery().count())
                        .append(" | ").append(micros(result.delivery()))
                        .append(" | ").append(micros(result.create()))
                        .append(" | ").append(micros(result.createUnwatched()))
                        .append(" | ").append(micros(result.rawInsert())).append(" |\n");
            }
        }
        return out.toString();
    }

    boolean allTargetsMet() {
        return lines.stream().allMatch(line -> !line.verdict().equals("FAIL"));
    }

    private static String ratio(Line line) {
        String mean = String.format(Locale.ROOT, "%.2f×", line.ratio());
        return Double.isNaN(line.ratioError()) ? mean : mean + String.format(Locale.ROOT, " ± %.2f", line.ratioError());
    }

    private static String micros(Percentiles p) {
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", Percentiles.micros(p.p50()), Percentiles.micros(p.p99()),
                Percentiles.micros(p.max()));
    }

    private static String grouped(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
