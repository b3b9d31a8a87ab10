package dev.drover.engine.store.sqlite;

import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.ResourceStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite backend against the shared contract, each test in a fresh directory on disk. */
class SqliteResourceStoreTest extends ResourceStoreContract {

    @TempDir
    Path directory;

    @Override
    protected ResourceStore openStore() {
        return SqliteResourceStore.open(directory.resolve("data"));
    }
}
