package dev.drover.engine.api.wire;

import dev.drover.engine.api.ClusterEvent;

/**
 * One text frame of a cluster's events WebSocket: {@code ADDED}/{@code MODIFIED}/{@code DELETED} with the
 * event, {@link WatchMessage#BOOKMARK} as a heartbeat, or {@link WatchMessage#ERROR} with a status (the
 * server closes next). On every (re)connect the server first sends every existing event as ADDED.
 */
public record EventWatchMessage(String type, ClusterEvent object, Status status) {

    public static EventWatchMessage change(String type, ClusterEvent object) {
        return new EventWatchMessage(type, object, null);
    }

    public static EventWatchMessage heartbeat() {
        return new EventWatchMessage(WatchMessage.BOOKMARK, null, null);
    }

    public static EventWatchMessage error(Status status) {
        return new EventWatchMessage(WatchMessage.ERROR, null, status);
    }
}
