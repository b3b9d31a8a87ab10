package dev.drover.engine.api;

import dev.drover.engine.api.wire.AdminPaths;
import dev.drover.engine.api.wire.EventWatchMessage;
import dev.drover.engine.api.wire.WatchMessage;
import dev.drover.engine.api.wire.WireJson;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote watch of a cluster's events. The server sends the whole (bounded) event list on every
 * connect, so after a dropped connection this simply reconnects and compares what it is sent with what it
 * delivered: new ids are ADDED, a changed count or time is MODIFIED, the rest is not repeated. Events
 * pruned while disconnected are not reported as DELETED (the list is a log, not a state). A connection
 * silent longer than {@link ResumingSocket#IDLE_LIMIT} is replaced; a cluster the server does not know ends
 * the watch. Listener calls are on this client's threads, one at a time.
 */
final class RemoteEventWatch implements Subscription, ResumingSocket.Peer {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteEventWatch.class);

    private final String clusterId;
    private final Consumer<ApiEvent<ClusterEvent>> listener;
    private final ResumingSocket socket;
    /** Guarded by the socket's lock, held whenever it calls this peer. */
    private final Map<String, ClusterEvent> known = new HashMap<>();

    RemoteEventWatch(RemoteHttp http, String clusterId, Consumer<ApiEvent<ClusterEvent>> listener, ScheduledExecutorService timers) {
        this.clusterId = clusterId;
        this.listener = listener;
        this.socket = new ResumingSocket(http, timers, this);
        socket.open();
    }

    @Override
    public String path() {
        return AdminPaths.WATCH_CLUSTER_PREFIX + AdminPaths.segment(clusterId).substring(1) + AdminPaths.EVENTS;
    }

    @Override
    public boolean retries(Throwable failure) {
        if (ResumingSocket.cause(failure) instanceof ApiException api && api.reason() == ApiException.Reason.NOT_FOUND) {
            LOG.info("Event watch of {} ends: {}", clusterId, api.getMessage()); // the cluster is gone: nothing to wait for
            socket.close();
            return false;
        }
        LOG.debug("Event watch of {} could not connect: {}", clusterId, failure.getMessage());
        return true;
    }

    @Override
    public void frame(String text) {
        EventWatchMessage message;
        try {
            message = WireJson.decode(text, EventWatchMessage.class);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring an event watch message this console cannot read: {}", e.getMessage());
            return;
        }
        switch (message.type()) {
            case WatchMessage.BOOKMARK -> { }
            // The server closes the socket after an error; the drop is what reconnects.
            case WatchMessage.ERROR -> LOG.info("Event watch of {} ended by the server: {}", clusterId,
                    message.status() == null ? "no reason" : message.status().message());
            default -> {
                if (message.object() != null) {
                    apply(ApiEvent.Type.valueOf(message.type()), message.object());
                }
            }
        }
    }

    private void apply(ApiEvent.Type type, ClusterEvent event) {
        socket.resetBackoff();
        ClusterEvent previous = known.get(event.id());
        if (type == ApiEvent.Type.DELETED) {
            if (known.remove(event.id()) != null) {
                deliver(ApiEvent.Type.DELETED, event);
            }
            return;
        }
        if (event.equals(previous)) {
            return; // replayed after a reconnect
        }
        known.put(event.id(), event);
        deliver(previous == null ? ApiEvent.Type.ADDED : ApiEvent.Type.MODIFIED, event);
    }

    private void deliver(ApiEvent.Type type, ClusterEvent event) {
        try {
            listener.accept(new ApiEvent<>(type, event));
        } catch (RuntimeException e) {
            LOG.warn("An event watch listener failed on {} {}: {}", type, event.id(), e.toString());
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
