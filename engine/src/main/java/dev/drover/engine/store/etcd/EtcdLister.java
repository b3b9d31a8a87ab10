package dev.drover.engine.store.etcd;

import dev.drover.engine.store.ContinueToken;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ListResult;
import dev.drover.engine.store.StoredObject;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a list. The first read is at etcd's current revision; every further read of the page, and
 * every later page, is pinned to that revision, so the pages together are one snapshot (etcd refuses the
 * read once that revision is compacted, which becomes the contract's "revision compacted"). Label
 * selectors are applied here, so a page is read from etcd in chunks until it is full.
 */
final class EtcdLister {

    private static final int CHUNK = 500;

    private final KV kv;
    private final EtcdKeys keys;
    private final EtcdFailures failures;

    EtcdLister(KV kv, EtcdKeys keys, EtcdFailures failures) {
        this.kv = kv;
        this.keys = keys;
        this.failures = failures;
    }

    ListResult page(ListRequest request, boolean serializable) {
        ContinueToken token = request.continueToken() == null ? null : ContinueToken.decode(request.continueToken());
        ByteSequence rangeStart = keys.range(request.kind(), request.namespace());
        ByteSequence rangeEnd = prefixEnd(rangeStart);
        ByteSequence from = token == null ? rangeStart : keys.after(request.kind(), token.namespace(), token.name());
        long revision = token == null ? 0 : token.revision();
        List<StoredObject> items = new ArrayList<>();
        StoredObject last = null;
        boolean more = false;
        while (true) {
            GetOption.Builder option = GetOption.builder().withRange(rangeEnd).withRevision(revision)
                    .withSerializable(serializable)
                    .withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.ASCEND);
            if (request.limit() > 0) {
                option.withLimit(CHUNK);
            }
            GetResponse response = failures.await(kv.get(from, option.build()), "list " + request.kind());
            revision = revision == 0 ? response.getHeader().getRevision() : revision;
            for (KeyValue entry : response.getKvs()) {
                if (request.limit() > 0 && items.size() == request.limit()) {
                    more = true;
                    break;
                }
                StoredObject object = keys.object(entry);
                last = object;
                if (request.selector().matches(object.labels())) {
                    items.add(object);
                }
            }
            if (more || !response.isMore() || response.getKvs().isEmpty()) {
                break;
            }
            from = successor(response.getKvs().getLast().getKey());
        }
        String next = more ? new ContinueToken(revision, lastReturned(items, last).key().namespace(),
                lastReturned(items, last).key().name()).encode() : null;
        return new ListResult(items, revision, next);
    }

    private static StoredObject lastReturned(List<StoredObject> items, StoredObject lastScanned) {
        return items.isEmpty() ? lastScanned : items.getLast();
    }

    private static ByteSequence successor(ByteSequence key) {
        return key.concat(ByteSequence.from(new byte[] {0}));
    }

    /** The end of the range of keys starting with {@code prefix} (etcd's usual "increment the last byte"). */
    static ByteSequence prefixEnd(ByteSequence prefix) {
        byte[] end = prefix.getBytes();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return ByteSequence.from(java.util.Arrays.copyOf(end, i + 1));
            }
        }
        return ByteSequence.from(new byte[] {0});
    }
}
