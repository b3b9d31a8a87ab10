package dev.drover.engine.store.etcd;

import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.StoreException;
import dev.drover.engine.store.StoredObject;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The key and value layout. An object lives at {@code <prefix>/<kind>\0<namespace>\0<name>}: NUL cannot
 * occur in a key (ObjectKey rejects control characters), so a kind's or a namespace's keys form one
 * contiguous, correctly ordered range ({@code "a\0"} sorts before {@code "ab\0"}), which is what lists and
 * watches scan. The value is the id of the write that stored it, a newline, the labels as a JSON object, a
 * newline, then the body untouched (JSON escapes newlines, so the second one always ends the labels). The
 * write id is how a retried transaction recognises that its first attempt was applied after all.
 * Revisions are etcd's own.
 */
final class EtcdKeys {

    private static final char SEP = '\0';
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private final String prefix;

    EtcdKeys(String prefix) {
        this.prefix = prefix;
    }

    ByteSequence key(ObjectKey key) {
        return bytes(prefix + "/" + key.kind() + SEP + key.namespace() + SEP + key.name());
    }

    /** Every object of a kind, or of one namespace of it. */
    ByteSequence range(String kind, String namespace) {
        return bytes(prefix + "/" + kind + SEP + (namespace == null ? "" : namespace + SEP));
    }

    /** The first key after {@code (namespace, name)} within a kind: where the next page starts. */
    ByteSequence after(String kind, String namespace, String name) {
        return bytes(prefix + "/" + kind + SEP + namespace + SEP + name + SEP);
    }

    /** Marks the store's creation; outside every kind's range because kinds follow a {@code /}. */
    ByteSequence birthKey() {
        return bytes(prefix + SEP + "birth");
    }

    ByteSequence value(String writeId, Map<String, String> labels, String body) {
        return bytes(writeId + "\n" + JSON.writeValueAsString(labels) + "\n" + body);
    }

    /** The id of the write that stored this value. */
    static String writeId(KeyValue kv) {
        String raw = kv.getValue().toString(StandardCharsets.UTF_8);
        int newline = raw.indexOf('\n');
        return newline < 0 ? "" : raw.substring(0, newline);
    }

    StoredObject object(KeyValue kv) {
        return object(kv, kv.getModRevision());
    }

    /** The object a key-value holds, stamped with {@code revision} (a delete's revision for tombstones). */
    StoredObject object(KeyValue kv, long revision) {
        String raw = kv.getValue().toString(StandardCharsets.UTF_8);
        int idEnd = raw.indexOf('\n');
        int labelsEnd = idEnd < 0 ? -1 : raw.indexOf('\n', idEnd + 1);
        ObjectKey key = objectKey(kv.getKey());
        if (labelsEnd < 0) {
            throw new StoreException("etcd key " + key + " does not hold a Drover object (no write id and labels lines)");
        }
        Map<String, String> labels = JSON.readValue(raw.substring(idEnd + 1, labelsEnd), LABELS);
        return new StoredObject(key, labels, raw.substring(labelsEnd + 1), revision, kv.getCreateRevision());
    }

    ObjectKey objectKey(ByteSequence etcdKey) {
        String raw = etcdKey.toString(StandardCharsets.UTF_8);
        String[] parts = raw.substring(prefix.length() + 1).split(String.valueOf(SEP), -1);
        if (parts.length != 3) {
            throw new StoreException("etcd key " + raw.replace(SEP, '|') + " is not a Drover object key");
        }
        return new ObjectKey(parts[0], parts[1], parts[2]);
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
