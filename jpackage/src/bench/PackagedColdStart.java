import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cold start of the packaged console (BENCHMARKS.md, "Packaging (issue #8)"): wall time from spawning the
 * installed launcher {@code drover console --data-dir DIR} to the line the console prints after its first
 * layout pulse ("drover: first frame") and once the shell is attached to the lab engine ("drover: shell ready",
 * after which it exits). Modes, all through the same launcher (JVM options via JAVA_TOOL_OPTIONS, which the
 * JVM reads whatever launched it):
 *
 * <ul>
 *   <li>as packaged (baseline): the jlinked runtime's default CDS archive only;</li>
 *   <li>AppCDS: a dynamic archive from a training run ({@code -XX:ArchiveClassesAtExit}), then
 *       {@code -XX:SharedArchiveFile};</li>
 *   <li>AOT cache (JDK 25, JEP 483/514): {@code -XX:AOTCacheOutput} training run, then {@code -XX:AOTCache}
 *       with {@code -XX:AOTMode=on} (fails instead of silently running without it).</li>
 * </ul>
 *
 * One untimed run per mode, then {@code runs} rounds, modes interleaved in each round so a change in machine
 * load hits all of them; medians. Runs under Xvfb (started here on a free display when DISPLAY is unset).
 * Arguments: {@code --image DIR (the app-image) --installers DIR --work DIR [--runs N]}.
 */
public final class PackagedColdStart {

    private record Timing(double firstFrame, double shellReady) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        Path image = Path.of(options.get("--image"));
        Path launcher = image.resolve("bin/drover");
        Path work = Path.of(options.get("--work"));
        int runs = Integer.parseInt(options.getOrDefault("--runs", "5"));
        Files.createDirectories(work);

        Process xvfb = null;
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            int n = 87;
            while (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                n++;
            }
            display = ":" + n;
            xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(work.resolve("xvfb.log").toFile()).start();
            for (int i = 0; i < 50 && !Files.exists(Path.of("/tmp/.X11-unix/X" + n)); i++) {
                Thread.sleep(100); // Xvfb has no readiness signal but its socket
            }
        }
        try {
            Path jsa = work.resolve("drover-appcds.jsa");
            Path aot = work.resolve("drover.aot");
            Files.deleteIfExists(jsa);
            Files.deleteIfExists(aot);
            Map<String, String> modes = new LinkedHashMap<>();
            modes.put("as packaged (baseline)", "");
            modes.put("AppCDS dynamic archive", "-XX:SharedArchiveFile=" + jsa + " -Xshare:on");
            modes.put("JDK 25 AOT cache", "-XX:AOTCache=" + aot + " -XX:AOTMode=on");

            log("training AppCDS archive and AOT cache");
            run(launcher, display, work, "training-cds", "-XX:ArchiveClassesAtExit=" + jsa);
            run(launcher, display, work, "training-aot", "-XX:AOTCacheOutput=" + aot);
            Map<String, List<Timing>> timings = new LinkedHashMap<>();
            for (Map.Entry<String, String> mode : modes.entrySet()) {
                run(launcher, display, work, "warm-" + slug(mode.getKey()), mode.getValue());
                timings.put(mode.getKey(), new ArrayList<>());
            }
            for (int round = 0; round < runs; round++) {
                for (Map.Entry<String, String> mode : modes.entrySet()) {
                    Timing t = run(launcher, display, work, "lab-" + slug(mode.getKey()), mode.getValue());
                    timings.get(mode.getKey()).add(t);
                    log(String.format("round %d %-24s first frame %.2f s, shell %.2f s", round + 1, mode.getKey(), t.firstFrame, t.shellReady));
                }
            }
            report(timings, image, options.get("--installers"), jsa, aot);
        } finally {
            if (xvfb != null) {
                xvfb.destroy();
            }
        }
    }

    private static Timing run(Path launcher, String display, Path work, String lab, String jvmOptions) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "console", "--data-dir", work.resolve(lab).toString())
                .redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        builder.environment().put("JAVA_TOOL_OPTIONS", (jvmOptions + " -Ddrover.exitAfterFirstFrame=true -Ddrover.configDir="
                + work.resolve("config")).strip());
        long start = System.nanoTime();
        Process process = builder.start();
        double firstFrame = -1;
        double shellReady = -1;
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                double seconds = (System.nanoTime() - start) / 1e9;
                output.add(line);
                if (line.equals("drover: first frame")) {
                    firstFrame = seconds;
                } else if (line.equals("drover: shell ready")) {
                    shellReady = seconds;
                }
            }
        }
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0 || firstFrame < 0 || shellReady < 0) {
            throw new IllegalStateException("console run " + lab + " (" + jvmOptions + ") failed:\n" + String.join("\n", output));
        }
        return new Timing(firstFrame, shellReady);
    }

    private static void report(Map<String, List<Timing>> timings, Path image, String installers, Path jsa, Path aot) throws IOException {
        double baseFrame = median(timings.values().iterator().next(), true);
        double baseShell = median(timings.values().iterator().next(), false);
        StringBuilder table = new StringBuilder();
        table.append("| Start | first frame, median | min | max | vs baseline | shell with lab engine, median | vs baseline |\n");
        table.append("|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<Timing>> mode : timings.entrySet()) {
            List<Timing> ts = mode.getValue();
            double frame = median(ts, true);
            double shell = median(ts, false);
            table.append(String.format("| %s | **%.2f s** | %.2f s | %.2f s | %.2f× | %.2f s | %.2f× |%n", mode.getKey(), frame,
                    ts.stream().mapToDouble(Timing::firstFrame).min().orElse(0), ts.stream().mapToDouble(Timing::firstFrame).max().orElse(0),
                    frame / baseFrame, shell, shell / baseShell));
        }
        table.append(String.format("%nSizes: app-image %s (runtime %s, jars %s); AppCDS archive %s, AOT cache %s%n",
                mb(size(image)), mb(size(image.resolve("lib/runtime"))), mb(size(image.resolve("lib/app"))), mb(size(jsa)), mb(size(aot))));
        if (installers != null && Files.isDirectory(Path.of(installers))) {
            try (Stream<Path> files = Files.list(Path.of(installers))) {
                files.sorted().forEach(f -> table.append(String.format("  %s %s%n", f.getFileName(), mb(size(f)))));
            }
        }
        table.append("load average at the end: ").append(Files.readString(Path.of("/proc/loadavg")).strip()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs\n");
        System.out.println(table);
    }

    private static double median(List<Timing> ts, boolean frame) {
        double[] values = ts.stream().mapToDouble(t -> frame ? t.firstFrame : t.shellReady).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private static long size(Path path) {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1_000_000.0);
    }

    private static String slug(String mode) {
        return mode.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
    }

    private static void log(String line) {
        System.out.println("[cold-start] " + line);
        System.out.flush();
    }
}
