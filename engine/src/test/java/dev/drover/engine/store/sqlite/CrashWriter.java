package dev.drover.engine.store.sqlite;

import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.store.Write;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Run in a child JVM by {@link StoreCrashTest}: writes to the store in {@code args[0]} until it is
 * killed, carrying on from whatever the store holds. After each commit returns it prints one line
 * per write, {@code ACK <revision> <namespace>/<name> <sha256 of body | DELETED>}, in a single
 * write(2) so a kill never leaves half a line.
 */
public final class CrashWriter {

    static final String KIND = "Item";
    static final String DELETED = "DELETED";

    private final SqliteResourceStore store;
    private final Random random;
    private final OutputStream out;
    private final Map<ObjectKey, Long> revisions = new HashMap<>();
    private final List<ObjectKey> live = new ArrayList<>();
    private final long run;
    private long counter;

    private CrashWriter(SqliteResourceStore store, Random random, OutputStream out) {
        this.store = store;
        this.random = random;
        this.out = out;
        // Revisions are never reused, so the revision at start makes this run's new names unique.
        this.run = store.currentRevision();
        for (StoredObject object : store.list(ListRequest.all(KIND)).items()) {
            revisions.put(object.key(), object.revision());
            live.add(object.key());
        }
    }

    public static void main(String[] args) throws IOException {
        try (SqliteResourceStore store = SqliteResourceStore.open(Path.of(args[0]))) {
            new CrashWriter(store, new Random(Long.parseLong(args[1])), new FileOutputStream(FileDescriptor.out))
                    .writeForever();
        }
    }

    private void writeForever() throws IOException {
        while (true) {
            List<Write> writes = nextWrites();
            List<StoredObject> results = store.commit(writes);
            StringBuilder acks = new StringBuilder();
            for (int i = 0; i < writes.size(); i++) {
                acks.append(remember(writes.get(i), results.get(i)));
            }
            out.write(acks.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private List<Write> nextWrites() {
        double dice = random.nextDouble();
        double createShare = live.size() < 200 ? 0.35 : 0.15;
        if (live.size() < 3 || dice < createShare) {
            return List.of(newObject());
        }
        if (dice < 0.6) {
            return List.of(update(pick(List.of())));
        }
        if (dice < 0.85) {
            ObjectKey first = pick(List.of());
            ObjectKey second = pick(List.of(first));
            return List.of(newObject(), update(first), update(second));
        }
        ObjectKey doomed = pick(List.of());
        return List.of(new Write.Delete(doomed, revisions.get(doomed)));
    }

    private Write newObject() {
        counter++;
        ObjectKey key = new ObjectKey(KIND, "ns-" + counter % 3, "item-" + run + "-" + counter);
        return new Write.Create(key, Map.of("gen", "1"), body(key));
    }

    private Write update(ObjectKey key) {
        counter++;
        return new Write.Update(key, revisions.get(key), Map.of("gen", Long.toString(counter)), body(key));
    }

    private ObjectKey pick(List<ObjectKey> except) {
        ObjectKey key;
        do {
            key = live.get(random.nextInt(live.size()));
        } while (except.contains(key));
        return key;
    }

    /** A body of varying size, so writes span pages and a torn write would show. */
    private String body(ObjectKey key) {
        String pad = "x".repeat(random.nextInt(1500));
        return "{\"key\":\"" + key.namespace() + "/" + key.name() + "\",\"seq\":" + counter + ",\"pad\":\"" + pad + "\"}";
    }

    private String remember(Write write, StoredObject result) {
        ObjectKey key = write.key();
        String state;
        if (write instanceof Write.Delete) {
            revisions.remove(key);
            live.remove(key);
            state = DELETED;
        } else {
            if (revisions.put(key, result.revision()) == null) {
                live.add(key);
            }
            state = sha256(result.body());
        }
        return "ACK " + result.revision() + " " + key.namespace() + "/" + key.name() + " " + state + "\n";
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
