package dev.drover.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Fresh directories for benchmark databases, under {@code -Dbench.dir} (default: the JVM's temp dir). */
final class BenchFiles {

    static final String DIR_PROPERTY = "bench.dir";

    private BenchFiles() {
    }

    static Path root() {
        return Path.of(System.getProperty(DIR_PROPERTY, System.getProperty("java.io.tmpdir"))).toAbsolutePath();
    }

    static Path freshDirectory(String prefix) {
        try {
            Path root = root();
            Files.createDirectories(root);
            return Files.createTempDirectory(root, "drover-bench-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
