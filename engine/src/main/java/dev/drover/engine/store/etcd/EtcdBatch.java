package dev.drover.engine.store.etcd;

import dev.drover.engine.store.AlreadyExistsException;
import dev.drover.engine.store.ConflictException;
import dev.drover.engine.store.NotFoundException;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.StoreException;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.store.Write;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Txn;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * One {@code commit} as one etcd transaction: a guard per write (create: the key has no version; update
 * or delete: the mod revision is the expected one, or the key merely exists), the writes if every guard
 * holds, and otherwise a read of every key, so the reason for a refusal comes from the same snapshot that
 * refused it instead of a second, racing read.
 */
final class EtcdBatch {

    private final EtcdKeys keys;
    private final List<Write> writes;
    private final String writeId = UUID.randomUUID().toString();

    EtcdBatch(EtcdKeys keys, List<Write> writes) {
        this.keys = keys;
        this.writes = writes;
    }

    Txn transaction(Txn txn) {
        List<Cmp> guards = new ArrayList<>();
        List<Op> then = new ArrayList<>();
        List<Op> otherwise = new ArrayList<>();
        for (Write write : writes) {
            ByteSequence key = keys.key(write.key());
            switch (write) {
                case Write.Create create -> {
                    guards.add(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0)));
                    then.add(Op.put(key, keys.value(writeId, create.labels(), create.body()), PutOption.DEFAULT));
                }
                case Write.Update update -> {
                    guards.add(expected(key, update.expectedRevision()));
                    then.add(Op.put(key, keys.value(writeId, update.labels(), update.body()), PutOption.builder().withPrevKV().build()));
                }
                case Write.Delete delete -> {
                    guards.add(expected(key, delete.expectedRevision()));
                    then.add(Op.delete(key, DeleteOption.builder().withPrevKV(true).build()));
                }
            }
            otherwise.add(Op.get(key, GetOption.DEFAULT));
        }
        return txn.If(guards.toArray(Cmp[]::new)).Then(then.toArray(Op[]::new)).Else(otherwise.toArray(Op[]::new));
    }

    private static Cmp expected(ByteSequence key, long expectedRevision) {
        return expectedRevision == 0
                ? new Cmp(key, Cmp.Op.GREATER, CmpTarget.version(0))
                : new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision));
    }

    /** The states after a successful transaction, in write order, all at its revision. */
    List<StoredObject> results(TxnResponse response) {
        long revision = response.getHeader().getRevision();
        Iterator<PutResponse> puts = response.getPutResponses().iterator();
        Iterator<DeleteResponse> deletes = response.getDeleteResponses().iterator();
        List<StoredObject> results = new ArrayList<>(writes.size());
        for (Write write : writes) {
            results.add(switch (write) {
                case Write.Create create -> {
                    puts.next();
                    yield new StoredObject(create.key(), create.labels(), create.body(), revision, revision);
                }
                case Write.Update update -> {
                    KeyValue previous = puts.next().getPrevKv();
                    yield new StoredObject(update.key(), update.labels(), update.body(), revision, previous.getCreateRevision());
                }
                case Write.Delete _ -> keys.object(deletes.next().getPrevKvs().getFirst(), revision);
            });
        }
        return results;
    }

    /**
     * After an attempt whose outcome is unknown (a member died, an answer timed out), a refusal may be our own
     * first attempt in the way. It was, if every key we put holds our write id and every key we deleted is
     * gone; then the results are read back: puts from the keys, deletes' last states from the revision before.
     * A batch of deletes only cannot be told apart from someone else's delete, so it stays unknown.
     *
     * @param history reads a key at a revision (the state a delete removed)
     */
    Optional<List<StoredObject>> appliedEarlier(TxnResponse refusal, BiFunction<ObjectKey, Long, Optional<KeyValue>> history) {
        long revision = 0;
        for (int i = 0; i < writes.size(); i++) {
            List<KeyValue> found = refusal.getGetResponses().get(i).getKvs();
            if (writes.get(i) instanceof Write.Delete) {
                if (!found.isEmpty()) {
                    return Optional.empty();
                }
            } else if (found.isEmpty() || !EtcdKeys.writeId(found.getFirst()).equals(writeId)) {
                return Optional.empty();
            } else {
                revision = found.getFirst().getModRevision();
            }
        }
        if (revision == 0) {
            return Optional.empty();
        }
        List<StoredObject> results = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            Write write = writes.get(i);
            if (write instanceof Write.Delete) {
                Optional<KeyValue> last = history.apply(write.key(), revision - 1);
                if (last.isEmpty()) {
                    return Optional.empty();
                }
                results.add(keys.object(last.get(), revision));
            } else {
                results.add(keys.object(refusal.getGetResponses().get(i).getKvs().getFirst()));
            }
        }
        return Optional.of(results);
    }

    /** Why the guards failed: the first write whose key was not as it expected, read in the same transaction. */
    StoreException whyRefused(TxnResponse response) {
        for (int i = 0; i < writes.size(); i++) {
            Write write = writes.get(i);
            ObjectKey key = write.key();
            List<KeyValue> found = response.getGetResponses().get(i).getKvs();
            long expected = switch (write) {
                case Write.Create _ -> -1;
                case Write.Update update -> update.expectedRevision();
                case Write.Delete delete -> delete.expectedRevision();
            };
            if (expected < 0 && !found.isEmpty()) {
                return new AlreadyExistsException(key + " already exists");
            }
            if (expected >= 0 && found.isEmpty()) {
                return new NotFoundException(key + " not found");
            }
            if (expected > 0 && found.getFirst().getModRevision() != expected) {
                return new ConflictException(key + " was changed at revision " + found.getFirst().getModRevision()
                        + " after revision " + expected + " that the caller read; read it again and retry");
            }
        }
        return new ConflictException(describe() + " was refused because an object changed meanwhile; read again and retry");
    }

    String describe() {
        return writes.size() == 1 ? writes.getFirst().key().toString() : writes.size() + " objects";
    }
}
