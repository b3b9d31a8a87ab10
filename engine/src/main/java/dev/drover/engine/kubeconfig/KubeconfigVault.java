package dev.drover.engine.kubeconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local copy of every kubeconfig the user exported (directory 0700, files 0600), so the direct
 * contexts can be recovered when the Drover server cannot be reached. Blocking file I/O.
 */
public final class KubeconfigVault {

    private static final Logger LOG = LoggerFactory.getLogger(KubeconfigVault.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Clock clock;

    public KubeconfigVault(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    /** Keeps a copy of an exported kubeconfig; returns where. */
    public Path save(String label, String kubeconfigYaml) throws IOException {
        Kubeconfig.parse(kubeconfigYaml); // refuse to keep something recovery could not read
        Path file = directory.resolve(STAMP.format(clock.instant()) + "-" + KubeconfigBuilder.safeName(label) + ".yaml");
        SecretFiles.write(file, kubeconfigYaml);
        return file;
    }

    /**
     * Every direct context in the vault, newest copy first per context name. Unreadable files are
     * skipped with a warning: one damaged file must not block recovery from the others.
     */
    public List<Kubeconfig.Context> directContexts() throws IOException {
        Map<String, Kubeconfig.Context> byName = new LinkedHashMap<>();
        for (Path file : filesNewestFirst()) {
            try {
                for (Kubeconfig.Context context : Kubeconfig.parse(Files.readString(file)).contexts()) {
                    if (context.isDirect()) {
                        byName.putIfAbsent(context.name(), context);
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("Skipping vault file {}: {}", file.getFileName(), e.getMessage());
            }
        }
        return new ArrayList<>(byName.values());
    }

    private List<Path> filesNewestFirst() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed())
                    .toList();
        }
    }
}
