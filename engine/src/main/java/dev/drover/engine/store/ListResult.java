package dev.drover.engine.store;

import java.util.List;

/**
 * A page of objects, all as of one revision.
 *
 * @param items         ordered by namespace, then name
 * @param revision      the revision the page was read at; watch from it to follow changes
 * @param continueToken pass back for the next page; {@code null} when this was the last page
 */
public record ListResult(List<StoredObject> items, long revision, String continueToken) {
    public ListResult {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return continueToken != null;
    }
}
