package dev.drover.engine.api;

import dev.drover.engine.api.wire.ApiPaths;
import dev.drover.engine.api.wire.Status;
import dev.drover.engine.api.wire.WatchMessage;
import dev.drover.engine.api.wire.WireJson;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote cluster watch, kept alive across dropped connections the way a client-go reflector is:
 * it remembers the last revision it saw and reconnects from there; when the server no longer has that
 * revision it lists again and turns the difference into events (ADDED for new, MODIFIED for changed,
 * DELETED for vanished clusters), so the listener sees one consistent stream and never a duplicate.
 * A connection silent for longer than {@link ResumingSocket#IDLE_LIMIT} (the server sends a bookmark every few
 * seconds) is given up as dead and replaced. A server that refuses the watch (e.g. the login expired)
 * is asked again every few seconds; the console learns of an expired login from its next command.
 *
 * <p>The listener is called on this client's threads, one event at a time, in order.
 */
final class RemoteClusterWatch implements Subscription, ResumingSocket.Peer {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteClusterWatch.class);

    private final RemoteHttp http;
    private final Consumer<ApiEvent<ClusterSummary>> listener;
    private final ResumingSocket socket;
    // The fields below are guarded by the socket's lock, held whenever it calls this peer.
    private final Map<String, ClusterSummary> known = new HashMap<>();
    /** Ids seen during a (re)list, to find what vanished meanwhile; null when not listing. */
    private Set<String> listed;
    private long resumeAfter;

    RemoteClusterWatch(RemoteHttp http, Consumer<ApiEvent<ClusterSummary>> listener, ScheduledExecutorService timers) {
        this.http = http;
        this.listener = listener;
        this.socket = new ResumingSocket(http, timers, this);
        socket.open();
    }

    @Override
    public String path() {
        listed = resumeAfter > 0 ? null : new HashSet<>();
        return ApiPaths.WATCH_CLUSTERS + (resumeAfter > 0 ? "?" + ApiPaths.RESOURCE_VERSION + "=" + resumeAfter : "");
    }

    @Override
    public boolean retries(Throwable failure) {
        LOG.debug("Watch of {} could not connect: {}", http.server(), failure.getMessage());
        return true;
    }

    @Override
    public void lost(String why) {
        LOG.info("Watch of {} lost ({}); resuming from revision {}", http.server(), why, resumeAfter);
    }

    @Override
    public void silent() {
        LOG.info("Watch of {} silent for {} s; reconnecting", http.server(), ResumingSocket.IDLE_LIMIT.toSeconds());
    }

    @Override
    public void frame(String text) {
        WatchMessage message;
        try {
            message = WireJson.decode(text, WatchMessage.class);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring a watch message from {} this console cannot read: {}", http.server(), e.getMessage());
            return;
        }
        switch (message.type()) {
            case WatchMessage.SYNCED -> synced(message.resourceVersion());
            case WatchMessage.BOOKMARK -> resumeAfter = listed == null ? Math.max(resumeAfter, message.resourceVersion()) : resumeAfter;
            case WatchMessage.ERROR -> failed(message.status());
            default -> {
                if (message.object() != null) {
                    apply(ApiEvent.Type.valueOf(message.type()), message.object());
                }
            }
        }
    }

    private void apply(ApiEvent.Type type, ClusterSummary cluster) {
        socket.resetBackoff();
        if (listed != null) {
            listed.add(cluster.id());
        } else {
            resumeAfter = Math.max(resumeAfter, cluster.resourceVersion());
        }
        ClusterSummary previous = known.get(cluster.id());
        if (type == ApiEvent.Type.DELETED) {
            if (previous != null && previous.resourceVersion() <= cluster.resourceVersion()) {
                known.remove(cluster.id());
                deliver(ApiEvent.Type.DELETED, cluster);
            }
            return;
        }
        if (previous != null && previous.resourceVersion() >= cluster.resourceVersion()) {
            return; // seen before the connection dropped
        }
        known.put(cluster.id(), cluster);
        deliver(previous == null ? ApiEvent.Type.ADDED : ApiEvent.Type.MODIFIED, cluster);
    }

    private void deliver(ApiEvent.Type type, ClusterSummary cluster) {
        try {
            listener.accept(new ApiEvent<>(type, cluster));
        } catch (RuntimeException e) {
            LOG.warn("A cluster watch listener failed on {} {}: {}", type, cluster.id(), e.toString());
        }
    }

    /** The (re)list is complete: what was known but not listed is gone. */
    private void synced(long revision) {
        socket.resetBackoff();
        if (listed != null) {
            for (ClusterSummary gone : List.copyOf(known.values())) {
                if (!listed.contains(gone.id())) {
                    known.remove(gone.id());
                    deliver(ApiEvent.Type.DELETED, gone);
                }
            }
            listed = null;
        }
        resumeAfter = Math.max(resumeAfter, revision);
    }

    private void failed(Status status) {
        if (status != null && Status.EXPIRED.equals(status.reason())) {
            resumeAfter = 0; // that revision is gone: list again
        }
        LOG.info("Watch of {} ended by the server: {}", http.server(), status == null ? "no reason" : status.message());
        socket.reconnect();
    }

    @Override
    public void close() {
        socket.close();
    }
}
