package dev.drover.bench;

import dev.drover.engine.store.sqlite.SqliteOptions.Durability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs {@link PairedWriteBenchmark} through the JMH {@code Runner} (one fork per benchmark and
 * durability) and turns its per-iteration counters into writes/s for each side and a paired ratio:
 * the mean of the per-iteration store/raw ratios, each iteration's two sides measured in the same
 * seconds. Intervals are JMH's 99.9% confidence intervals over the measurement iterations.
 */
final class WriteBenchmarks {

    static final String SINGLE_CREATE = "singleCreate";
    static final String SINGLE_UPDATE = "singleUpdate";
    static final String BATCH_CREATE = "batchCreate";

    /** One benchmark at one durability: store and raw writes/s, and the paired ratio. */
    record Paired(BenchReport.Score store, BenchReport.Score raw, BenchReport.Score ratio) {
    }

    private final boolean quick;
    private final Map<String, Paired> results = new HashMap<>();
    private final StringBuilder csv = new StringBuilder(
            "benchmark,durability,iteration,store_rows,store_ms,store_rows_per_s,raw_rows,raw_ms,raw_rows_per_s,ratio\n");

    WriteBenchmarks(boolean quick) {
        this.quick = quick;
    }

    void run() throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + PairedWriteBenchmark.class.getName().replace(".", "\\.") + "\\.")
                .forks(1)
                .jvmArgsAppend("-D" + BenchFiles.DIR_PROPERTY + "=" + BenchFiles.root(), "-Xmx1g",
                        "--enable-native-access=ALL-UNNAMED")
                .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 8).measurementTime(TimeValue.seconds(quick ? 1 : 2));
        for (RunResult result : new Runner(options.build()).run()) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Durability durability = Durability.valueOf(result.getParams().getParam("durability"));
            results.put(method + "/" + durability, paired(method, durability, result));
        }
    }

    Paired result(String method, Durability durability) {
        return results.get(method + "/" + durability);
    }

    /** Every measurement iteration, for anyone who wants to check the means. */
    void writeIterations(Path file) throws IOException {
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    private Paired paired(String method, Durability durability, RunResult result) {
        List<Double> store = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        int index = 0;
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                Map<String, Result> counters = iteration.getSecondaryResults();
                double storeRows = counter(counters, "storeRows");
                double storeNanos = counter(counters, "storeNanos");
                double rawRows = counter(counters, "rawRows");
                double rawNanos = counter(counters, "rawNanos");
                double storeRate = storeRows / (storeNanos / 1e9);
                double rawRate = rawRows / (rawNanos / 1e9);
                store.add(storeRate);
                raw.add(rawRate);
                ratio.add(storeRate / rawRate);
                csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.0f,%.1f,%.1f,%.0f,%.1f,%.1f,%.3f%n", method, durability,
                        ++index, storeRows, storeNanos / 1e6, storeRate, rawRows, rawNanos / 1e6, rawRate, storeRate / rawRate));
            }
        }
        return new Paired(score(store), score(raw), score(ratio));
    }

    private static double counter(Map<String, Result> counters, String name) {
        Result counter = counters.get(name);
        if (counter == null) {
            throw new IllegalStateException("JMH reported no counter " + name + "; it reported " + counters.keySet());
        }
        return counter.getScore();
    }

    private static BenchReport.Score score(List<Double> values) {
        ListStatistics statistics = new ListStatistics();
        values.forEach(statistics::addValue);
        return new BenchReport.Score(statistics.getMean(), values.size() > 1 ? statistics.getMeanErrorAt(0.999) : Double.NaN);
    }
}
