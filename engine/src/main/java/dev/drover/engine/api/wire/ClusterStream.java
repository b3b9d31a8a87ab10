package dev.drover.engine.api.wire;

import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ClusterSummary;

/**
 * What the server's watch endpoint hears from the engine: a resumable watch, as Kubernetes' watch
 * with {@code resourceVersion}. Called on engine threads, one call at a time, in revision order.
 */
public interface ClusterStream {

    void onEvent(ApiEvent<ClusterSummary> event);

    /** The initial list is complete as of {@code resourceVersion} (only when the watch listed first). */
    void onSynced(long resourceVersion);

    /** The watch cannot continue (e.g. the revision to resume from is gone); it has stopped: list again. */
    void onExpired(String message);
}
