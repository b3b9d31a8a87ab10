package dev.drover.bench;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the figures were measured on; printed with them, since fsync-bound numbers mean little without it. */
final class MachineFacts {

    private MachineFacts() {
    }

    static Map<String, String> collect() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("CPUs (nproc)", String.valueOf(Runtime.getRuntime().availableProcessors()));
        facts.put("CPU model", procLine(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"));
        facts.put("Memory", procLine(Path.of("/proc/meminfo"), "MemTotal").orElse("unknown"));
        facts.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        facts.put("JDK", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        facts.put("SQLite", sqliteVersion());
        facts.put("Disk (benchmark files)", disk(BenchFiles.root()));
        facts.put("Load average at report time (1/5/15 min)", loadAverage());
        return facts;
    }

    private static Optional<String> procLine(Path file, String field) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(line -> line.startsWith(field))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The machine may be shared: a high load average explains noisy figures. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String sqliteVersion() {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT sqlite_version()")) {
            rs.next();
            return rs.getString(1) + " (sqlite-jdbc " + connection.getMetaData().getDriverVersion() + ")";
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String disk(Path directory) {
        try {
            Files.createDirectories(directory);
            FileStore store = Files.getFileStore(directory);
            return directory + " on " + store.name() + " (" + store.type() + ", "
                    + store.getUsableSpace() / (1L << 30) + " GiB free)";
        } catch (IOException e) {
            return directory + " (file system unknown: " + e.getMessage() + ")";
        }
    }
}
