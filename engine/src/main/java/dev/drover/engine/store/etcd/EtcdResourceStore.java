package dev.drover.engine.store.etcd;

import dev.drover.engine.store.InvalidRequestException;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ListResult;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.RevisionCompactedException;
import dev.drover.engine.store.StoreClosedException;
import dev.drover.engine.store.StoreException;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.store.Watch;
import dev.drover.engine.store.WatchListener;
import dev.drover.engine.store.Write;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The store on an etcd cluster: every replica of a Drover server opens one on the same prefix and sees
 * the same objects, revisions and watches. Revisions are etcd's global revision, so an object's
 * resourceVersion is its key's mod revision and an update is a transaction comparing it.
 *
 * <p>One difference from SQLite that etcd's model imposes: an etcd transaction commits at one revision,
 * so every write of a {@link #commit} batch shares that revision (SQLite gives each its own). Watches
 * deliver them in list order with that same revision.
 *
 * <p>History belongs to etcd: compaction is etcd's (this store's {@link #compact}, or etcd's own
 * auto-compaction), and {@link #compactedRevision()} is what this replica knows of it. Before the store's
 * birth revision (when its prefix was first used) nothing of it existed, so a watch from before it is a
 * watch from its birth, even if etcd compacted revisions other prefixes wrote earlier.
 */
public final class EtcdResourceStore implements ResourceStore {

    /** etcd refuses transactions with more operations than its {@code --max-txn-ops}, 128 unless raised. */
    public static final int MAX_BATCH = 128;

    private final EtcdOptions options;
    private final Client client;
    private final boolean ownsClient;
    private final KV kv;
    private final EtcdKeys keys;
    private final EtcdFailures failures;
    private final EtcdLister lister;
    private final long birthRevision;
    private final ExecutorService delivery = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("etcd-watch-", 0).factory());
    private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();
    private volatile long knownCompaction;
    private volatile boolean closed;

    private EtcdResourceStore(EtcdOptions options, Client client, boolean ownsClient) {
        this.options = options;
        this.client = client;
        this.ownsClient = ownsClient;
        this.kv = client.getKVClient();
        this.keys = new EtcdKeys(options.prefix());
        this.failures = new EtcdFailures(options.describe(), options.requestTimeout());
        this.lister = new EtcdLister(kv, keys, failures);
        this.birthRevision = markBirth();
    }

    /** Connects to the cluster and opens the store under {@code options.prefix()}; fails clearly if etcd is unavailable. */
    public static EtcdResourceStore open(EtcdOptions options) {
        Client client = options.connect();
        try {
            return new EtcdResourceStore(options, client, true);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Opens the store on a client shared with other users (leader election); closing the store leaves it open. */
    public static EtcdResourceStore open(EtcdOptions options, Client client) {
        return new EtcdResourceStore(options, client, false);
    }

    private long markBirth() {
        ByteSequence key = keys.birthKey();
        TxnResponse response = failures.retry(() -> kv.txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0)))
                .Then(Op.put(key, EtcdKeys.bytes("drover store"), PutOption.DEFAULT))
                .Else(Op.get(key, GetOption.DEFAULT))
                .commit(), "open the store " + options.prefix());
        return response.isSucceeded()
                ? response.getHeader().getRevision()
                : response.getGetResponses().getFirst().getKvs().getFirst().getCreateRevision();
    }

    @Override
    public Optional<StoredObject> get(ObjectKey key) {
        ensureOpen();
        GetResponse response = readWithFallback(serializable -> kv.get(keys.key(key),
                GetOption.builder().withSerializable(serializable).build()), "read " + key);
        return response.getKvs().stream().findFirst().map(keys::object);
    }

    @Override
    public ListResult list(ListRequest request) {
        ensureOpen();
        try {
            long giveUp = failures.giveUpAt();
            while (true) {
                try {
                    return lister.page(request, false);
                } catch (EtcdUnavailableException e) {
                    if (!failures.before(giveUp)) {
                        throw e;
                    }
                    failures.pause();
                }
            }
        } catch (EtcdUnavailableException e) {
            // Without quorum a surviving member can still answer from its own (possibly stale) copy: read-only mode.
            return lister.page(request, true);
        }
    }

    private GetResponse readWithFallback(Function<Boolean, CompletableFuture<GetResponse>> read,
                                         String action) {
        try {
            return failures.retry(() -> read.apply(false), action);
        } catch (EtcdUnavailableException e) {
            return failures.await(read.apply(true), action);
        }
    }

    @Override
    public List<StoredObject> commit(List<Write> writes) {
        if (writes.isEmpty()) {
            return List.of();
        }
        rejectDuplicateKeys(writes);
        if (writes.size() > MAX_BATCH) {
            throw new InvalidRequestException("an etcd store commits at most " + MAX_BATCH + " writes at once (etcd's"
                    + " --max-txn-ops default), not " + writes.size() + "; split the batch");
        }
        ensureOpen();
        EtcdBatch batch = new EtcdBatch(keys, writes);
        String action = "write " + batch.describe();
        long giveUp = failures.giveUpAt();
        boolean outcomeUnknown = false;
        while (true) {
            TxnResponse response;
            try {
                response = failures.await(batch.transaction(kv.txn()).commit(), action);
            } catch (EtcdUnavailableException e) {
                // A member died or an answer was lost: the attempt may have been applied; the retry will tell.
                if (!failures.before(giveUp)) {
                    throw e;
                }
                outcomeUnknown = true;
                failures.pause();
                continue;
            }
            if (response.isSucceeded()) {
                return batch.results(response);
            }
            if (outcomeUnknown) {
                Optional<List<StoredObject>> ours = batch.appliedEarlier(response, this::readAt);
                if (ours.isPresent()) {
                    return ours.get();
                }
            }
            throw batch.whyRefused(response);
        }
    }

    private Optional<KeyValue> readAt(ObjectKey key, long revision) {
        try {
            GetResponse response = failures.retry(() -> kv.get(keys.key(key), GetOption.builder().withRevision(revision).build()),
                    "read " + key + " at revision " + revision);
            return response.getKvs().stream().findFirst();
        } catch (RevisionCompactedException e) {
            return Optional.empty();
        }
    }

    private static void rejectDuplicateKeys(List<Write> writes) {
        Set<ObjectKey> seen = new HashSet<>();
        for (Write write : writes) {
            if (!seen.add(write.key())) {
                throw new InvalidRequestException("a batch may write " + write.key() + " only once");
            }
        }
    }

    @Override
    public Watch watch(String kind, long fromRevision, WatchListener listener) {
        ensureOpen();
        if (fromRevision < compactedRevision()) {
            throw compacted(kind, fromRevision);
        }
        long from = Math.max(fromRevision, birthRevision);
        long current = currentRevision();
        if (from < current) {
            // Refuse now rather than in a callback: etcd keeps history back to its compaction, and reading at
            // the start revision is how to ask whether that reaches back far enough.
            try {
                failures.retry(() -> kv.get(keys.range(kind, null), GetOption.builder().withRevision(from)
                        .withCountOnly(true).isPrefix(true).build()), "watch " + kind);
            } catch (RevisionCompactedException e) {
                knownCompaction = Math.max(knownCompaction, from + 1);
                throw compacted(kind, fromRevision);
            }
        }
        EtcdWatch watch = new EtcdWatch(keys, failures, kind, fromRevision, listener, delivery,
                options.maxWatchBacklog(), watches::remove);
        watches.add(watch);
        watch.start(client, from + 1);
        if (closed) {
            watch.end(new StoreClosedException("the etcd store " + options.prefix() + " was closed"));
        }
        return watch;
    }

    private RevisionCompactedException compacted(String kind, long fromRevision) {
        return new RevisionCompactedException("revision " + fromRevision + " of " + kind + " is compacted in etcd"
                + " (history starts after " + compactedRevision() + "); list again and watch from its revision");
    }

    @Override
    public long currentRevision() {
        ensureOpen();
        GetResponse response = readWithFallback(serializable -> kv.get(keys.birthKey(),
                GetOption.builder().withCountOnly(true).withSerializable(serializable).build()), "read the current revision");
        return response.getHeader().getRevision();
    }

    @Override
    public long compactedRevision() {
        long known = knownCompaction;
        return known > birthRevision ? known : 0;
    }

    @Override
    public void compact(long revision) {
        ensureOpen();
        long target = Math.min(revision, currentRevision());
        if (target <= compactedRevision() || target <= 0) {
            return;
        }
        try {
            failures.retry(() -> kv.compact(target), "compact to revision " + target);
        } catch (RevisionCompactedException e) {
            // another replica (or etcd's auto-compaction) already went at least this far
        }
        knownCompaction = Math.max(knownCompaction, target);
    }

    /** The revision at which this store's prefix was first used. */
    public long birthRevision() {
        return birthRevision;
    }

    /** Running watches, for tests and metrics. */
    public int watchCount() {
        return watches.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        StoreException cause = new StoreClosedException("the etcd store " + options.prefix() + " was closed");
        for (EtcdWatch watch : List.copyOf(watches)) {
            watch.end(cause);
        }
        if (ownsClient) {
            client.close();
        }
        delivery.shutdown();
        try {
            delivery.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("the etcd store " + options.prefix() + " is closed");
        }
    }
}
