package dev.drover.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a data directory to one engine at a time. SQLite would let two processes open the same file
 * and interleave their writes and revisions; an OS file lock on {@code drover.lock} prevents that and
 * is released by the OS even when the holder is killed. The file records the holder's PID so the
 * second process can say who has it.
 */
public final class DataDirectoryLock implements AutoCloseable {

    public static final String FILE_NAME = "drover.lock";

    /*
     * Directories this JVM holds, checked before the lock file is touched: OS locks are per process
     * (POSIX fcntl on Linux), so a second attempt from this JVM would not be refused by the OS, and
     * merely opening and closing another descriptor of the file would silently drop the lock we hold.
     */
    private static final Set<Path> HELD_BY_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path identity;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path identity, FileChannel channel, FileLock lock) {
        this.identity = identity;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails at once with {@link StoreLockedException} naming the holder's PID. */
    public static DataDirectoryLock acquire(Path directory) {
        Path identity = identity(directory);
        if (!HELD_BY_THIS_PROCESS.add(identity)) {
            throw new StoreLockedException("Data directory " + directory + " is in use by PID "
                    + ProcessHandle.current().pid() + " (this process): close the store that has it first.");
        }
        try {
            return lockFile(directory, identity);
        } catch (RuntimeException e) {
            HELD_BY_THIS_PROCESS.remove(identity);
            throw e;
        }
    }

    private static Path identity(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory.toAbsolutePath().normalize();
        }
    }

    private static DataDirectoryLock lockFile(Path directory, Path identity) {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = readHolder(file);
                channel.close();
                throw new StoreLockedException("Data directory " + directory + " is in use by PID " + holder
                        + ": stop that Drover process or choose another data directory.");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new DataDirectoryLock(identity, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("Cannot lock data directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very process
        }
    }

    private static String readHolder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? "unknown" : text;
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    @Override
    public void close() {
        if (!channel.isOpen()) {
            return; // closed before; the directory may by now be held by a newer lock of this process
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new StoreException("Cannot release the data directory lock: " + e.getMessage(), e);
        } finally {
            HELD_BY_THIS_PROCESS.remove(identity);
        }
    }
}
