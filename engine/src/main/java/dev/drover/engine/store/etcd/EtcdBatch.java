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

/**
 * One {@code commit} as one etcd transaction: a guard per write (create: the key has no version; update
 * or delete: the mod revision is the expected one, or the key merely exists), the writes if every guard
 * holds, and otherwise a read of every key, so the reason for a refusal comes from the same snapshot that
 * refused it instead of a second, racing read.
 */
final class EtcdBatch {

    private final EtcdKeys keys;
    private final List<Write> writes;

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
                    then.add(Op.put(key, keys.value(create.labels(), create.body()), PutOption.DEFAULT));
                }
                case Write.Update update -> {
                    guards.add(expected(key, update.expectedRevision()));
                    then.add(Op.put(key, keys.value(update.labels(), update.body()), PutOption.builder().withPrevKV().build()));
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
