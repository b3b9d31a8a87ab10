package dev.drover.agents.kubeapiauth;

import dev.drover.tunnel.protocol.kubeapiauth.TokenRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The synced token records as the kubelet mounts them (the Secret {@code drover-system/drover-kube-api-auth}
 * as a volume): re-read whenever the file's modification time or size changes, so a revocation synced by
 * the engine applies as soon as the kubelet updates the volume. A missing or unreadable file means no
 * token is accepted. Thread-safe.
 */
final class TokenRecordFile {

    private static final Logger LOG = Logger.getLogger(TokenRecordFile.class.getName());

    private record Snapshot(FileTime modified, long size, TokenRecords records) {
    }

    private final Path file;
    private volatile Snapshot current = new Snapshot(FileTime.fromMillis(0), -1, new TokenRecords(List.of()));

    TokenRecordFile(Path file) {
        this.file = file;
    }

    /** The records as of now. Blocking file I/O (a stat, and a read when it changed). */
    TokenRecords records() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Snapshot seen = current;
            if (modified.equals(seen.modified()) && size == seen.size()) {
                return seen.records();
            }
            TokenRecords records = TokenRecords.decode(Files.readString(file));
            current = new Snapshot(modified, size, records);
            return records;
        } catch (NoSuchFileException e) {
            return new TokenRecords(List.of());
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Cannot read the token records in " + file + ": " + e.getMessage());
            return new TokenRecords(List.of());
        }
    }
}
