package dev.drover.app.bench;

import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.Theme;
import dev.drover.app.workloads.WorkloadsView;
import dev.drover.app.workloads.WorkloadsViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * The pods table under load, on JavaFX 26's headless platform with the software pipeline (what the
 * unit tests use; no GPU here): 100,000 pods over 10 clusters in the real {@link WorkloadsView}, then
 * <ol>
 *   <li>idle: pulse intervals for {@code bench.seconds} while nothing changes (the baseline);</li>
 *   <li>load: the same while a feeder thread posts 1,000 pod updates/s (10 every 10 ms) through the
 *       console's own 100 ms batcher; one update in ten hits a row on screen;</li>
 *   <li>filter: typing a filter that keeps ~1% of 100k rows, and clearing it, timed on the FX thread.</li>
 * </ol>
 * Ratio = load p99 / idle p99 of pulse intervals (target ≤ 2×). Prints a Markdown report and writes it to
 * {@code target/console-bench.md}.
 */
public final class WorkloadsTableBenchmark {

    static final int CLUSTERS = 10;
    static final int PODS = 100_000;
    static final int UPDATES_PER_SECOND = 1_000;

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 20);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        FxThreads threads = new FxThreads(Platform::runLater, Executors.newVirtualThreadPerTaskExecutor(), timer, Duration.ofMillis(100));
        WorkloadsViewModel viewModel = onFx(() -> new WorkloadsViewModel(threads));
        Pulses pulses = onFx(() -> {
            Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
            WorkloadsView view = new WorkloadsView(viewModel);
            Scene scene = new Scene(view.root(), 1280, 800);
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            ((TabPane) scene.lookup("#tabs")).getSelectionModel().select(1);
            viewModel.apply(PodFeed.workloads(CLUSTERS, PODS));
            viewModel.apply(PodFeed.pods(CLUSTERS, PODS));
            return new Pulses(scene);
        });
        System.out.printf(Locale.ROOT, "loaded %,d pods; warming up%n", onFx(() -> viewModel.pods().size()));

        // Warm-up: JIT the update and render paths before either measurement.
        Feeder warmup = Feeder.start(viewModel);
        Thread.sleep(5_000);
        warmup.stop();
        Thread.sleep(1_000);

        onFx(() -> { pulses.record(); return null; });
        Thread.sleep(seconds * 1_000L);
        Pulses.Result idle = onFx(pulses::stop);

        Feeder feeder = Feeder.start(viewModel);
        onFx(() -> { pulses.record(); return null; });
        Thread.sleep(seconds * 1_000L);
        Pulses.Result load = onFx(pulses::stop);
        long posted = feeder.stop();

        List<Long> narrow = new ArrayList<>();
        List<Long> widen = new ArrayList<>();
        // 5 untimed runs first: the first filter of a run JIT-compiles the matching code.
        int warmupRuns = 5;
        for (int i = 0; i < (Boolean.parseBoolean(System.getProperty("bench.filter", "true")) ? 20 + warmupRuns : 1); i++) {
            String needle = "app-1" + (i % 10) + "5";
            long narrowed = onFx(() -> timed(() -> viewModel.filterTextProperty().set(needle)));
            int shownAfterFilter = onFx(() -> viewModel.pods().size());
            long widened = onFx(() -> timed(() -> viewModel.filterTextProperty().set("")));
            if (i >= warmupRuns) {
                narrow.add(narrowed);
                widen.add(widened);
            }
            if (i == 0) {
                System.out.printf(Locale.ROOT, "filter keeps %,d of %,d pods%n", shownAfterFilter, PODS);
            }
        }
        String report = report(seconds, idle, load, posted, narrow, widen);
        System.out.println(report);
        Path out = Path.of("target", "console-bench.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        threads.close();
        Platform.exit();
        System.exit(0);
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static String report(int seconds, Pulses.Result idle, Pulses.Result load, long posted, List<Long> narrow, List<Long> widen)
            throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s (UTC), %d CPUs, %s, load average %s%n%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"),
                Files.readString(Path.of("/proc/loadavg")).strip()));
        out.append(String.format(Locale.ROOT, "Pods table: %,d pods, %d clusters, %d s per phase, %,d updates posted (%.0f/s)%n%n",
                PODS, CLUSTERS, seconds, posted, posted / (double) seconds));
        out.append("| Phase | pulses | interval p50 | interval p99 | interval max | pulse work p50 | pulse work p99 |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        row(out, "idle (baseline)", idle);
        row(out, "1,000 updates/s", load);
        out.append(String.format(Locale.ROOT, "%nRatio p99 interval load/idle: **%.2f×** (target ≤ 2×)%n", load.intervalP99() / idle.intervalP99()));
        out.append(String.format(Locale.ROOT, "%nFilter of %,d rows (20 runs after 5 untimed): narrow median %.1f ms, max %.1f ms; clear median %.1f ms, max %.1f ms (target < 100 ms)%n",
                PODS, median(narrow), max(narrow), median(widen), max(widen)));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Pulses.Result r) {
        out.append(String.format(Locale.ROOT, "| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.2f ms | %.2f ms |%n", name, r.pulses(),
                r.intervalP50(), r.intervalP99(), r.intervalMax(), r.workP50(), r.workP99()));
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get(sorted.size() / 2) / 1e6;
    }

    private static double max(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
    }

    static <T> T onFx(Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    /** Posts 10 updates every 10 ms from its own thread, as an engine watch would. */
    private static final class Feeder {
        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong posted = new AtomicLong();

        /** Built before timing, so the harness's own formatting does not compete with the console for the 2 cores. */
        private static final List<WorkloadsViewModel.Change> UPDATES = prebuilt();

        private static List<WorkloadsViewModel.Change> prebuilt() {
            Random random = new Random(7);
            List<WorkloadsViewModel.Change> updates = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                updates.add(PodFeed.randomUpdate(random, CLUSTERS, PODS, 20));
            }
            return updates;
        }

        static Feeder start(WorkloadsViewModel viewModel) {
            Feeder feeder = new Feeder();
            int perTick = UPDATES_PER_SECOND / 100;
            feeder.scheduler.scheduleAtFixedRate(() -> {
                for (int i = 0; i < perTick; i++) {
                    viewModel.post(UPDATES.get((int) (feeder.posted.getAndIncrement() % UPDATES.size())));
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            return feeder;
        }

        long stop() throws InterruptedException {
            scheduler.shutdown();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            return posted.get();
        }
    }
}
