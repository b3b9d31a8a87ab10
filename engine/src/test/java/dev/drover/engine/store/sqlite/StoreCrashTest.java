package dev.drover.engine.store.sqlite;

import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.RecordingListener;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.store.Watch;
import dev.drover.engine.store.WatchEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Durability under SIGKILL: a child JVM ({@link CrashWriter}) writes and acknowledges, is killed at
 * a random moment, and the store it leaves behind must hold every acknowledged write, intact, with
 * the same directory reused for every cycle. Named *Test, not *IT, because only surefire runs here.
 */
class StoreCrashTest {

    private static final int CYCLES = 25;
    private static final int SIGKILLED = 128 + 9;
    private static final Pattern ACK = Pattern.compile("ACK (\\d+) ([^/ ]+)/(\\S+) ([0-9a-f]{64}|" + CrashWriter.DELETED + ")");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @TempDir
    Path scratch;

    /** What the store must hold for a key: the revision of its newest write and its body hash, or DELETED. */
    private record State(long revision, String hash) {
        boolean live() {
            return !hash.equals(CrashWriter.DELETED);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<ObjectKey, State> expected = new HashMap<>();
        long revision = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            // given: a writer that has been acknowledging for 50–400 ms
            // when: it is killed with SIGKILL
            List<String> acks = writeUntilKilled(random.nextLong(), 50 + random.nextInt(351), cycle);

            // then: the reopened store holds every acknowledged write, plus at most the one unacknowledged commit
            revision = verify(acks, expected, revision, "seed " + seed + ", cycle " + cycle);
        }
    }

    private List<String> writeUntilKilled(long seed, int killAfterMillis, int cycle) throws Exception {
        Path errors = scratch.resolve("writer-" + cycle + ".err");
        Process writer = ChildJvm.of(CrashWriter.class, scratch, directory.toString(), Long.toString(seed))
                .redirectError(errors.toFile())
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicReference<IOException> readFailure = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().name("crash-writer-stdout").start(() -> readLines(writer, lines, readFailure));
        await().atMost(Duration.ofSeconds(60)).until(() -> !lines.isEmpty() || !writer.isAlive());
        // Waiting on the process rather than sleeping: if it stops early, that is a failure to report.
        assertThat(writer.waitFor(killAfterMillis, TimeUnit.MILLISECONDS))
                .as("the writer stopped by itself: %s", Files.readString(errors)).isFalse();
        // SIGKILL via the handle: Process.destroyForcibly() would also close our end of its stdout
        // and drop the ACKs still in the pipe.
        writer.toHandle().destroyForcibly();
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join();
        assertThat(readFailure.get()).as("reading the writer's ACKs").isNull();
        assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(SIGKILLED);
        return lines;
    }

    private long verify(List<String> lines, Map<ObjectKey, State> expected, long previousRevision, String context)
            throws Exception {
        long acknowledged = previousRevision;
        for (String line : lines) {
            Matcher ack = ACK.matcher(line);
            assertThat(ack.matches()).as("%s: whole ACK line, got \"%s\"", context, line).isTrue();
            long revision = Long.parseLong(ack.group(1));
            assertThat(revision).as("%s: revisions continue without gaps", context).isEqualTo(acknowledged + 1);
            acknowledged = revision;
            expected.put(new ObjectKey(CrashWriter.KIND, ack.group(2), ack.group(3)), new State(revision, ack.group(4)));
        }
        assertThat(acknowledged).as("%s: the writer acknowledged something", context).isGreaterThan(previousRevision);
        long current;
        try (SqliteResourceStore store = SqliteResourceStore.open(directory)) {
            current = store.currentRevision();
            assertThat(current).as("%s: at most one unacknowledged batch", context)
                    .isBetween(acknowledged, acknowledged + 3);
            applyUnacknowledged(store, acknowledged, current, expected);
            assertStoreHolds(store, expected, context);
        }
        assertIntegrity(context);
        return current;
    }

    /** The commit the writer made but never printed is in the history, right after the last ACK. */
    private static void applyUnacknowledged(SqliteResourceStore store, long acknowledged, long current,
                                            Map<ObjectKey, State> expected) {
        RecordingListener history = new RecordingListener();
        try (Watch _ = store.watch(CrashWriter.KIND, acknowledged, history)) {
            history.awaitEvents((int) (current - acknowledged));
        }
        List<WatchEvent> events = history.events();
        assertThat(events).extracting(WatchEvent::revision)
                .containsExactlyElementsOf(LongStream.rangeClosed(acknowledged + 1, current).boxed().toList());
        for (WatchEvent event : events) {
            String hash = event.type() == WatchEvent.Type.DELETED ? CrashWriter.DELETED : CrashWriter.sha256(event.object().body());
            expected.put(event.object().key(), new State(event.revision(), hash));
        }
    }

    private static void assertStoreHolds(SqliteResourceStore store, Map<ObjectKey, State> expected, String context) {
        List<StoredObject> items = store.list(ListRequest.all(CrashWriter.KIND)).items();
        Map<ObjectKey, State> actual = items.stream()
                .collect(toMap(StoredObject::key, object -> new State(object.revision(), CrashWriter.sha256(object.body()))));
        Map<ObjectKey, State> live = expected.entrySet().stream().filter(entry -> entry.getValue().live())
                .collect(toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(actual).as("%s: live objects, their revisions and body hashes", context).isEqualTo(live);
        for (StoredObject object : items) {
            JsonNode body = JSON.readTree(object.body());
            assertThat(body.get("key").asString()).as("%s: body of %s", context, object.key())
                    .isEqualTo(object.key().namespace() + "/" + object.key().name());
        }
    }

    private void assertIntegrity(String context) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("drover.db"));
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).as("%s: integrity_check", context).isEqualTo("ok");
        }
    }

    private static void readLines(Process process, List<String> lines, AtomicReference<IOException> failure) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            failure.set(e);
        }
    }
}
