package dev.drover.app.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Cold start to first frame: wall time from spawning {@code java … dev.drover.app.Main console --data-dir
 * DIR} to the console's "drover: first frame" line, printed after the first layout pulse of the shown
 * window (the "opening the lab engine" page), and to "drover: shell ready", once the lab engine has
 * opened and the shell is laid out ({@code -Ddrover.exitAfterFirstFrame=true}, which then quits). Three
 * ways, 5 runs each after one untimed run, medians:
 * <ul>
 *   <li>plain JVM (the baseline);</li>
 *   <li>AppCDS: a dynamic archive written by a training run ({@code -XX:ArchiveClassesAtExit});</li>
 *   <li>JDK 25 AOT cache (JEP 483/514): {@code -XX:AOTCacheOutput} in a training run, {@code -XX:AOTCache} after.</li>
 * </ul>
 * Target ≤ 1.5 s. Headless platform, software pipeline, as everywhere here.
 */
public final class ColdStartBenchmark {

    private static final int RUNS = Integer.getInteger("bench.startRuns", 5);

    public static void main(String[] args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = jarsOnly(System.getProperty("java.class.path"));
        Path work = Files.createTempDirectory("drover-coldstart");
        Path jsa = work.resolve("console.jsa");
        Path aot = work.resolve("console.aot");

        run(command(java, classpath, work, List.of("-XX:ArchiveClassesAtExit=" + jsa)));
        run(command(java, classpath, work, List.of("-XX:AOTCacheOutput=" + aot)));

        List<String> lines = new ArrayList<>();
        double[] plain = measure("plain JVM (baseline)", command(java, classpath, work, List.of()), lines, null);
        measure("AppCDS dynamic archive", command(java, classpath, work, List.of("-XX:SharedArchiveFile=" + jsa)), lines, plain);
        measure("JDK 25 AOT cache", command(java, classpath, work, List.of("-XX:AOTCache=" + aot)), lines, plain);

        String report = String.format(Locale.ROOT, "%s (UTC), %d CPUs, %s, load average %s%n%n"
                + "| Start | first frame, median | min | max | vs plain | shell with lab engine, median | vs plain |%n|---|---|---|---|---|---|---|%n%s", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"),
                Files.readString(Path.of("/proc/loadavg")).strip(), String.join("\n", lines) + "\n");
        System.out.println(report);
        Files.writeString(Path.of("target", "console-bench-start.md"), report);
    }

    /**
     * CDS and AOT archives accept only jars on the class path ("Cannot have non-empty directory in
     * paths"), so each module's {@code target/classes} becomes the jar Maven packaged beside it, and test
     * classes are left out: the console does not need them.
     */
    static String jarsOnly(String classpath) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
            } else if (path.endsWith(Path.of("target", "classes"))) {
                try (var jars = Files.list(path.getParent())) {
                    entries.add(jars.filter(jar -> jar.toString().endsWith(".jar") && !jar.toString().endsWith("-tests.jar"))
                            .findFirst().orElseThrow(() -> new IllegalStateException("No jar beside " + path + ": run package first"))
                            .toAbsolutePath().toString());
                }
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static List<String> command(String java, String classpath, Path work, List<String> extra) {
        List<String> command = new ArrayList<>(List.of(java, "-Dglass.platform=Headless", "-Dprism.order=sw",
                "-Ddrover.exitAfterFirstFrame=true", "-Ddrover.configDir=" + work.resolve("config"),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(extra);
        command.addAll(List.of("-cp", classpath, "dev.drover.app.Main", "console", "--data-dir", work.resolve("data").toString()));
        return command;
    }

    private static double[] measure(String name, List<String> command, List<String> lines, double[] baseline) throws Exception {
        run(command);
        List<Double> frames = new ArrayList<>();
        List<Double> shells = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            double[] times = run(command);
            frames.add(times[0]);
            shells.add(times[1]);
        }
        List<Double> sorted = frames.stream().sorted().toList();
        double frame = sorted.get(sorted.size() / 2);
        double shell = shells.stream().sorted().toList().get(shells.size() / 2);
        lines.add(String.format(Locale.ROOT, "| %s | **%.2f s** | %.2f s | %.2f s | %.2f× | %.2f s | %.2f× |", name, frame,
                sorted.getFirst(), sorted.getLast(), baseline == null ? 1.0 : frame / baseline[0], shell,
                baseline == null ? 1.0 : shell / baseline[1]));
        return new double[] {frame, shell};
    }

    /** Seconds from spawn to the first-frame and shell-ready lines; fails if the console shows neither. */
    private static double[] run(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        double seconds = -1;
        double shell = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (seconds < 0 && line.contains("drover: first frame")) {
                    seconds = (System.nanoTime() - start) / 1e9;
                }
                if (shell < 0 && line.contains("drover: shell ready")) {
                    shell = (System.nanoTime() - start) / 1e9;
                }
                output.append(line).append('\n');
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (seconds < 0 || shell < 0) {
            throw new IllegalStateException("No first frame or shell from " + command + ":\n" + output);
        }
        return new double[] {seconds, shell};
    }
}
