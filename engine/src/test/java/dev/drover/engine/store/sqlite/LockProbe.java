package dev.drover.engine.store.sqlite;

import dev.drover.engine.store.StoreLockedException;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link SqliteStoreLockTest}: tries to open the store in {@code args[0]}.
 * Prints "OPENED" and exits 0, or prints the lock failure and exits {@value #LOCKED}.
 */
public final class LockProbe {

    static final int LOCKED = 3;

    private LockProbe() {
    }

    public static void main(String[] args) {
        try (SqliteResourceStore _ = SqliteResourceStore.open(Path.of(args[0]))) {
            System.out.println("OPENED");
        } catch (StoreLockedException e) {
            System.out.println(e.getMessage());
            System.exit(LOCKED);
        }
    }
}
