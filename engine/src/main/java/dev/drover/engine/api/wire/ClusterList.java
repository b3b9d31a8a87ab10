package dev.drover.engine.api.wire;

import dev.drover.engine.api.ClusterSummary;
import java.util.List;

/** Answer to {@code GET /v3/clusters}, sorted by display name. */
public record ClusterList(List<ClusterSummary> items) {
    public ClusterList {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
