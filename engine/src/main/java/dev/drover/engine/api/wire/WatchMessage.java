package dev.drover.engine.api.wire;

import dev.drover.engine.api.ClusterSummary;

/**
 * One text frame of a watch WebSocket.
 *
 * @param type            {@code ADDED}, {@code MODIFIED}, {@code DELETED} (with {@code object}),
 *                        {@value #SYNCED} (the initial list is complete), {@value #BOOKMARK} (a heartbeat;
 *                        nothing changed) or {@value #ERROR} (with {@code status}; the server closes next)
 * @param object          the cluster, for the three change types
 * @param resourceVersion the revision to resume after, for SYNCED and BOOKMARK
 * @param status          why, for ERROR
 */
public record WatchMessage(String type, ClusterSummary object, long resourceVersion, Status status) {

    public static final String SYNCED = "SYNCED";
    public static final String BOOKMARK = "BOOKMARK";
    public static final String ERROR = "ERROR";

    public static WatchMessage change(String type, ClusterSummary object) {
        return new WatchMessage(type, object, object.resourceVersion(), null);
    }

    public static WatchMessage synced(long resourceVersion) {
        return new WatchMessage(SYNCED, null, resourceVersion, null);
    }

    public static WatchMessage bookmark(long resourceVersion) {
        return new WatchMessage(BOOKMARK, null, resourceVersion, null);
    }

    public static WatchMessage error(Status status) {
        return new WatchMessage(ERROR, null, 0, status);
    }
}
