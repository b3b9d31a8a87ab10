package dev.drover.server.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The scale benchmark's figures and the machine they were measured on, as Markdown. */
final class ScaleReport {

    private ScaleReport() {
    }

    record Figures(int clusters, int podsPerCluster, double syncSeconds, double ingestSeconds, long heapNoClusters, long heapEmpty, long heapFull,
                   double heapPerPod, double jsonPerPod, int changes, int changesPerSecond, String readModelLatency,
                   double readModelP99, int apiChanges, String consoleLatency, double consoleP99, double loadBefore, double loadAfter) {
    }

    static String render(Figures f) {
        long pods = (long) f.clusters() * f.podsPerCluster();
        return String.format(Locale.ROOT, """
                ## Scale run

                Machine: %d cores (%s), load average %.2f before / %.2f after, JVM %s, max heap %d MiB.

                | what | figure |
                |---|---|
                | clusters × pods | %d × %d = %d pods |
                | clusters created and every informer synced (0 pods) | %.1f s |
                | %d pods announced by watch and cached | %.1f s (%.0f pods/s) |
                | heap after GC: no clusters → clusters with 0 pods → all pods | %.1f → %.1f → %.1f MiB |
                | heap per followed cluster (client, 7 informers, connections) | %.2f MiB |
                | **heap per cached pod** | **%.0f bytes** |
                | pod JSON as served (average) | %.0f bytes |
                | **heap per pod ÷ JSON per pod** | **%.3f×** (target ≤ 5×) |
                | pod change → read-model listener, %d changes at %d/s: p50 / p90 / p99 / max | %s |
                | **p99, downstream change → read model** | **%.1f ms** (target < 1 s) |
                | cluster change in the store → RemoteManagementApi watcher, %d changes at 50/s: p50 / p90 / p99 / max | %s |
                | **p99, store → remote console** | **%.1f ms** |
                """, Runtime.getRuntime().availableProcessors(), cpuModel(), f.loadBefore(), f.loadAfter(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                f.clusters(), f.podsPerCluster(), pods, f.syncSeconds(), pods, f.ingestSeconds(), pods / f.ingestSeconds(),
                f.heapNoClusters() / 1048576.0, f.heapEmpty() / 1048576.0, f.heapFull() / 1048576.0,
                (f.heapEmpty() - f.heapNoClusters()) / 1048576.0 / f.clusters(), f.heapPerPod(), f.jsonPerPod(), f.heapPerPod() / f.jsonPerPod(),
                f.changes(), f.changesPerSecond(), f.readModelLatency(), f.readModelP99(), f.apiChanges(), f.consoleLatency(), f.consoleP99());
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return ManagementFactory.getOperatingSystemMXBean().getArch();
        }
    }
}
