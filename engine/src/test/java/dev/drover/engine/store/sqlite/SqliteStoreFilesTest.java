package dev.drover.engine.store.sqlite;

import static dev.drover.engine.store.ContractFixtures.create;
import static dev.drover.engine.store.ContractFixtures.widget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's files on disk: where they are and who may read them (they hold cluster credentials). */
class SqliteStoreFilesTest {

    @TempDir
    Path root;

    @Test
    void openCreatesTheDirectoryAndOwnerOnlyFiles() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file modes");
        // given
        Path directory = root.resolve("not").resolve("there").resolve("yet");

        // when: a write, so SQLite has made its WAL and shared-memory files
        try (SqliteResourceStore store = SqliteResourceStore.open(directory)) {
            create(store, widget("w"));

            // then
            assertThat(directory).isDirectory();
            assertThat(store.directory()).isEqualTo(directory.toAbsolutePath());
            assertThat(store.file()).isEqualTo(directory.resolve("drover.db").toAbsolutePath());
            for (String name : new String[] {"drover.db", "drover.db-wal", "drover.db-shm"}) {
                Path file = directory.resolve(name);
                assertThat(file).exists();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .as(name).isEqualTo("rw-------");
            }
        }
    }
}
