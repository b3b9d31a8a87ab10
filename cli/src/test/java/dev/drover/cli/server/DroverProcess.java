package dev.drover.cli.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code drover …} as its own JVM from the jars the build packaged (the class path jpackage ships), with
 * its output collected line by line for awaitility.
 */
final class DroverProcess implements AutoCloseable {

    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();

    private DroverProcess(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    static DroverProcess start(Map<String, String> environment, String... args) throws IOException {
        String launcher = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("drover.cli.jar") + java.io.File.pathSeparator
                + Path.of(System.getProperty("drover.cli.lib")).resolve("*");
        List<String> command = new ArrayList<>(List.of(launcher, "--enable-native-access=ALL-UNNAMED", "-cp", classpath, "dev.drover.cli.Drover"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (environment != null) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        return new DroverProcess(builder.start());
    }

    String output() {
        return String.join("\n", lines);
    }

    /** The value after {@code prefix} on the first line that starts with it, or null. */
    String after(String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).findFirst().map(line -> line.substring(prefix.length()).strip()).orElse(null);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
