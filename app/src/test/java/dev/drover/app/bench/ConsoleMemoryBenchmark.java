package dev.drover.app.bench;

import dev.drover.app.ConsoleWiring;
import dev.drover.app.FakeManagementApi;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.ThemeSwitcher;
import dev.drover.app.shell.Section;
import dev.drover.engine.api.ClusterKind;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * Resident memory of the whole console (shell, every page, palette) with 10 clusters and 50,000 pods
 * (plus 5,000 deployments) loaded and the pods table on screen: VmRSS from /proc/self/status after two
 * full GCs, with heap figures beside it. Target ≤ 400 MB. Run in its own JVM, with the JVM flags the
 * profile passes (noted in the report).
 */
public final class ConsoleMemoryBenchmark {

    public static void main(String[] args) throws Exception {
        int clusters = 10;
        int pods = Integer.getInteger("bench.pods", 50_000);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        long rssBefore = rssKb();
        FakeManagementApi api = new FakeManagementApi();
        for (int i = 0; i < clusters; i++) {
            api.with(FakeManagementApi.cluster("c-" + i, "cluster-" + i, ClusterKind.IMPORTED, "Active", "v1.31.2", i + 1));
        }
        FxThreads threads = new FxThreads(Platform::runLater, Executors.newVirtualThreadPerTaskExecutor(),
                Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
        ConsoleWiring console = WorkloadsTableBenchmark.onFx(() -> {
            ThemeSwitcher themes = new ThemeSwitcher(new SimpleObjectProperty<>(ColorScheme.LIGHT), Application::setUserAgentStylesheet);
            ConsoleWiring wiring = new ConsoleWiring(api, threads, themes);
            Stage stage = new Stage();
            stage.setScene(new Scene(wiring.shell.root(), 1280, 800));
            stage.show();
            wiring.start();
            wiring.workloads.apply(PodFeed.workloads(clusters, pods));
            wiring.workloads.apply(PodFeed.pods(clusters, pods));
            wiring.shellModel.select(Section.WORKLOADS);
            ((TabPane) stage.getScene().lookup("#tabs")).getSelectionModel().select(1);
            return wiring;
        });
        Thread.sleep(2_000);
        int shown = WorkloadsTableBenchmark.onFx(() -> console.workloads.pods().size());
        int clusterRows = WorkloadsTableBenchmark.onFx(() -> console.clusters.clusters().size());
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(500);
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long rss = rssKb();
        String report = String.format(Locale.ROOT, """
                %s (UTC), %d CPUs, %s, JVM flags: %s

                | Loaded | RSS | heap used | heap committed | RSS of the bare FX platform |
                |---|---|---|---|---|
                | %d clusters, %,d pods, %,d workloads, pods table on screen | **%d MB** | %d MB | %d MB | %d MB |
                """, Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-X")).toList(),
                clusterRows, shown, pods / 10, rss / 1024, heap.getUsed() >> 20, heap.getCommitted() >> 20, rssBefore / 1024);
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "console-bench-memory.md"), report);
        System.exit(0);
    }

    static long rssKb() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElse(-1);
    }
}
