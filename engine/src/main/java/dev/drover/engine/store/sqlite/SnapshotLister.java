package dev.drover.engine.store.sqlite;

import dev.drover.engine.store.ContinueToken;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ListResult;
import dev.drover.engine.store.RevisionCompactedException;
import dev.drover.engine.store.StoredObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Reads one page of a list at a fixed revision. Label selectors are applied while streaming the
 * cursor, so a page stops reading as soon as it is full.
 */
final class SnapshotLister {

    private final Connection connection;
    private final ListRequest request;
    private final long revision;
    private final String afterNamespace;
    private final String afterName;
    private final LongSupplier compactedRevision;

    SnapshotLister(Connection connection, ListRequest request, long currentRevision, LongSupplier compactedRevision) {
        this.connection = connection;
        this.request = request;
        this.compactedRevision = compactedRevision;
        if (request.continueToken() == null) {
            this.revision = currentRevision;
            this.afterNamespace = null;
            this.afterName = null;
        } else {
            ContinueToken token = ContinueToken.decode(request.continueToken());
            if (token.revision() < compactedRevision.getAsLong() || token.revision() > currentRevision) {
                throw new RevisionCompactedException("the continue token's revision " + token.revision()
                        + " is no longer available; start the list again");
            }
            this.revision = token.revision();
            this.afterNamespace = token.namespace();
            this.afterName = token.name();
        }
    }

    ListResult page() throws SQLException {
        int limit = request.limit() == 0 ? Integer.MAX_VALUE : request.limit();
        List<StoredObject> items = new ArrayList<>(Math.min(limit, 256));
        boolean more = false;
        try (PreparedStatement statement = LogTable.prepareSnapshot(connection, request.kind(), request.namespace(),
                revision, afterNamespace, afterName);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                StoredObject object = LogTable.read(rs).toObject();
                if (!request.selector().matches(object.labels())) {
                    continue;
                }
                if (items.size() == limit) {
                    more = true;
                    break;
                }
                items.add(object);
            }
        }
        if (revision < compactedRevision.getAsLong()) {
            // A compaction ran while we read: rows of this snapshot may have been removed under us.
            throw new RevisionCompactedException("revision " + revision + " was compacted during the list; list again");
        }
        String token = null;
        if (more) {
            StoredObject last = items.getLast();
            token = new ContinueToken(revision, last.key().namespace(), last.key().name()).encode();
        }
        return new ListResult(items, revision, token);
    }
}
