package dev.drover.engine.store;

/**
 * Receives the events of one watch. Both methods are called on a store delivery thread, one call at a
 * time for a given watch, events in revision order. They must return quickly.
 */
public interface WatchListener {

    void onEvent(WatchEvent event);

    /**
     * The watch ended without the caller closing it: the listener fell too far behind, or the store
     * closed. A new watch from the last seen revision resumes without gaps (unless compacted).
     */
    default void onClosed(StoreException cause) {
    }
}
