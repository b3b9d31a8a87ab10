package dev.drover.engine.store;

import java.util.Objects;

/**
 * One page of a list.
 *
 * @param kind          which kind to list
 * @param namespace     only this namespace, or {@code null} for all
 * @param selector      label selector; {@link LabelSelector#EVERYTHING} for all
 * @param limit         page size, 1..{@value #MAX_LIMIT}; 0 means no paging
 * @param continueToken from the previous page's {@link ListResult#continueToken()}, or {@code null}
 */
public record ListRequest(String kind, String namespace, LabelSelector selector, int limit, String continueToken) {

    public static final int MAX_LIMIT = 10_000;

    public ListRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(selector, "selector");
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be between 0 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Everything of one kind in one call. */
    public static ListRequest all(String kind) {
        return new ListRequest(kind, null, LabelSelector.EVERYTHING, 0, null);
    }

    public ListRequest withContinue(String token) {
        return new ListRequest(kind, namespace, selector, limit, token);
    }
}
