package dev.drover.bench;

import dev.drover.engine.store.sqlite.SqliteOptions.Durability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Runs the store benchmarks of issue #2 and writes the report ({@code -Dbench.report}, printed too):
 * the JMH write benchmarks (store paired with raw SQLite, both durabilities; see {@link WriteBenchmarks}),
 * then the watch latency harness ({@link WatchLatency}) in this JVM. {@code -Dbench.quick=true}
 * shortens everything for a smoke run.
 */
public final class StoreBenchmarks {

    static final String COMMAND = "./mvnw -Pbench -pl benchmarks -am verify -DskipTests";
    private static final int WATCHERS = 100;

    private StoreBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Boolean.getBoolean("bench.quick");
        Path report = Path.of(System.getProperty("bench.report", "target/store-bench.md")).toAbsolutePath();
        Files.createDirectories(report.getParent());

        WriteBenchmarks writes = new WriteBenchmarks(quick);
        writes.run();
        writes.writeIterations(report.resolveSibling("store-bench-iterations.csv"));
        BenchReport out = new BenchReport();
        for (Durability durability : Durability.values()) {
            out.throughput("Single create (writes/s)", durability,
                    writes.result(WriteBenchmarks.SINGLE_CREATE, durability), BenchReport.SINGLE_WRITE_TARGET);
            out.throughput("Single update of existing key (writes/s)", durability,
                    writes.result(WriteBenchmarks.SINGLE_UPDATE, durability), BenchReport.SINGLE_WRITE_TARGET);
            out.throughput("Batched creates, " + PairedWriteBenchmark.BATCH + " per commit (rows/s)", durability,
                    writes.result(WriteBenchmarks.BATCH_CREATE, durability), 0);
        }
        WatchLatency watch = quick ? new WatchLatency(WATCHERS, 50, 200) : new WatchLatency(WATCHERS, 500, 3_000);
        for (Durability durability : Durability.values()) {
            System.out.println("# Watch latency, " + WATCHERS + " watchers, durability " + durability);
            out.latency(watch.run(durability));
        }

        String when = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String markdown = out.markdown(MachineFacts.collect(), COMMAND + (quick ? " -Dbench.quick=true" : ""), when);
        Files.writeString(report, markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        System.out.println("Report written to " + report);
        if (!out.allTargetsMet()) {
            System.out.println("WARNING: a target was missed (see the Result column).");
        }
    }
}
