import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds Drover's installers with the JDK's own tools, the same way on every OS (run by the jpackage module's
 * {@code -Pjpackage} profile as a single-file source program, so no compiled build step is needed):
 *
 * <ol>
 *   <li>{@code jdeps --print-module-deps} over every jar of the launcher's class path finds the JDK modules
 *       the code references; {@code --extra-modules} adds those only loaded by name at run time;</li>
 *   <li>{@code jlink} links a trimmed runtime of just those modules, with its default CDS archive;</li>
 *   <li>{@code jpackage --type app-image} makes the launcher directory (the jars stay on the class path: JavaFX
 *       comes from Maven's platform jars, which bring their natives, so no JavaFX jmods are needed);</li>
 *   <li>{@code jpackage --type <installer> --app-image …} wraps that same image per installer type, with the
 *       Maven-filtered argument files ({@code common.args} and {@code <os>.args}).</li>
 * </ol>
 *
 * Arguments: {@code --input DIR --args DIR --work DIR --dest DIR --types app-image,deb,rpm --icon FILE
 * [--extra-modules a,b]}. Environment: {@code DPKG_DEB_COMPRESSOR_TYPE} is passed to dpkg-deb (default zstd).
 */
public final class Packager {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        Path input = Path.of(require(options, "--input"));
        Path argsDir = Path.of(require(options, "--args"));
        Path work = Path.of(require(options, "--work"));
        Path dest = Path.of(require(options, "--dest"));
        List<String> types = List.of(require(options, "--types").split(","));
        String os = System.getProperty("os.name").toLowerCase();
        String platform = os.contains("win") ? "windows" : os.contains("mac") ? "mac" : "linux";

        long started = System.nanoTime();
        String modules = modules(input, options.getOrDefault("--extra-modules", ""));
        log("jdeps: runtime modules " + modules);

        Path runtime = work.resolve("runtime");
        deleteRecursively(runtime);
        run("jlink", "--add-modules", modules, "--strip-debug", "--no-header-files", "--no-man-pages",
                "--generate-cds-archive", "--output", runtime.toString());

        Path appImageDest = dest.resolve("app-image");
        deleteRecursively(appImageDest);
        List<String> appImage = new ArrayList<>(List.of("--type", "app-image", "@" + argsDir.resolve("common.args"),
                "--input", input.toString(), "--runtime-image", runtime.toString(), "--dest", appImageDest.toString()));
        // jpackage takes the OS's own icon format: drover.png (Linux), drover.ico (Windows), drover.icns (macOS,
        // made with iconutil on a Mac; without it the image gets Java's default icon).
        String png = require(options, "--icon");
        Path icon = Path.of(png.replaceFirst("\\.png$", platform.equals("windows") ? ".ico" : platform.equals("mac") ? ".icns" : ".png"));
        if (Files.exists(icon)) {
            appImage.addAll(List.of("--icon", icon.toString()));
        } else {
            log("no " + icon.getFileName() + ": the default icon is used");
        }
        Path launchers = argsDir.resolve(platform + "-app-image.args");
        if (Files.exists(launchers)) {
            appImage.add("@" + launchers);
        }
        jpackage(appImage, work);
        Path image = appImageDest.resolve(platform.equals("mac") ? "Drover.app" : "drover");
        log("app-image: " + image + " (" + megabytes(size(image)) + ")");

        for (String type : types) {
            if (type.equals("app-image")) {
                continue;
            }
            Path installers = dest.resolve("installers");
            Files.createDirectories(installers);
            jpackage(List.of("--type", type, "--app-image", image.toString(), "@" + argsDir.resolve("installer.args"),
                    "@" + argsDir.resolve(platform + ".args"), "--dest", installers.toString()), work);
        }
        try (Stream<Path> built = Files.exists(dest.resolve("installers")) ? Files.list(dest.resolve("installers")) : Stream.empty()) {
            built.forEach(file -> log("installer: " + file + " (" + megabytes(size(file)) + ")"));
        }
        log("done in " + (System.nanoTime() - started) / 1_000_000_000 + " s");
    }

    /** jdeps over the launcher jar and its class path, plus modules loaded only by name (documented in the pom). */
    private static String modules(Path input, String extra) throws IOException {
        List<String> jars;
        try (Stream<Path> files = Files.list(input)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
        }
        List<String> args = new ArrayList<>(List.of("--multi-release", "25", "--ignore-missing-deps", "--print-module-deps",
                "--class-path", input.resolve("*").toString()));
        args.addAll(jars);
        String found = run("jdeps", args.toArray(String[]::new)).lines().reduce((a, b) -> b).orElse("").strip();
        TreeSet<String> modules = new TreeSet<>(Arrays.asList(found.split(",")));
        Arrays.stream(extra.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(modules::add);
        return String.join(",", modules);
    }

    private static String run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool).orElseThrow(() -> new IllegalStateException("this JDK has no " + tool));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = provider.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        String text = out.toString(StandardCharsets.UTF_8);
        if (code != 0) {
            throw new IllegalStateException(tool + " failed (" + code + "): " + err.toString(StandardCharsets.UTF_8) + text);
        }
        return text;
    }

    /** jpackage as a process, so dpkg-deb and rpmbuild underneath get the environment set here. */
    private static void jpackage(List<String> args, Path work) throws IOException, InterruptedException {
        Path executable = Path.of(System.getProperty("java.home"), "bin", System.getProperty("os.name").startsWith("Windows") ? "jpackage.exe" : "jpackage");
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO().directory(work.toFile());
        builder.environment().putIfAbsent("DPKG_DEB_COMPRESSOR_TYPE", "zstd");
        long started = System.nanoTime();
        Files.createDirectories(work);
        Process process = builder.start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jpackage " + String.join(" ", args) + " failed with exit code " + process.exitValue());
        }
        log("jpackage " + args.get(1) + ": " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Packager needs " + name);
        }
        return value;
    }

    private static long size(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1_000_000.0);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void log(String line) {
        System.out.println("[packager] " + line);
    }
}
