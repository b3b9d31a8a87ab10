package dev.drover.engine.store.sqlite;

import static dev.drover.engine.store.ContractFixtures.body;
import static dev.drover.engine.store.ContractFixtures.widget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.store.StoreDamagedException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged store is reported by name and left exactly as found, so the user can still rescue it. */
class SqliteDamagedStoreTest {

    private static final int PAGE = 4096;

    @TempDir
    Path directory;

    @Test
    void aFileOfRandomBytesIsReportedAndLeftAlone() throws Exception {
        // given
        byte[] noise = new byte[64 * 1024];
        new Random(1).nextBytes(noise);
        Path file = Files.write(directory.resolve("drover.db"), noise);

        // when / then
        assertOpenReportsDamageWithoutWriting(file);
    }

    @Test
    void aStoreWithIntactHeaderButGarbagePagesIsReportedAndLeftAlone() throws Exception {
        // given: a real store, then everything after its first page overwritten
        try (SqliteResourceStore store = SqliteResourceStore.open(directory)) {
            for (int i = 0; i < 200; i++) {
                store.create(widget("w-" + i), Map.of(), body("w-" + i, i));
            }
        }
        Path file = directory.resolve("drover.db");
        overwriteAfterFirstPage(file);

        // when / then
        assertOpenReportsDamageWithoutWriting(file);
    }

    @Test
    void aWriteAheadLogWithoutItsDatabaseIsReportedNotReplaced() throws Exception {
        // given: the database file went missing but its WAL, which may hold committed writes, is still there
        Path wal = Files.write(directory.resolve("drover.db-wal"), new byte[] {1, 2, 3, 4});
        // when / then
        assertThatThrownBy(() -> SqliteResourceStore.open(directory))
                .isInstanceOf(StoreDamagedException.class)
                .hasMessageContaining(wal.toString());
        assertThat(directory.resolve("drover.db")).doesNotExist();
        assertThat(Files.readAllBytes(wal)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aDamagedDatabaseNotYetInWalModeIsLeftAlone() throws Exception {
        // given: an SQLite file from elsewhere (rollback journal), damaged; switching it to WAL would write its header
        Path file = directory.resolve("drover.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)");
            statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)"
                    + " INSERT INTO filler SELECT i, printf('%.200c', 'x') FROM n");
        }
        overwriteAfterFirstPage(file);

        // when / then
        assertOpenReportsDamageWithoutWriting(file);
    }

    private void assertOpenReportsDamageWithoutWriting(Path file) throws Exception {
        String before = sha256(file);
        for (int attempt = 0; attempt < 2; attempt++) {
            // Twice: a failed open must also have let go of the directory lock.
            assertThatThrownBy(() -> SqliteResourceStore.open(directory).close())
                    .isInstanceOf(StoreDamagedException.class)
                    .hasMessageContaining(file.toAbsolutePath().toString());
        }
        assertThat(sha256(file)).as("bytes of %s", file).isEqualTo(before);
    }

    private static void overwriteAfterFirstPage(Path file) throws IOException {
        long size = Files.size(file);
        assertThat(size).as("the store spans several pages").isGreaterThan(4L * PAGE);
        byte[] garbage = new byte[(int) (size - PAGE)];
        new Random(2).nextBytes(garbage);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(PAGE);
            raf.write(garbage);
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
