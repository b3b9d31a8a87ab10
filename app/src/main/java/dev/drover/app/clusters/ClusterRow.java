package dev.drover.app.clusters;

import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.ClusterSummary;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One table row, already in the words the table shows.
 *
 * @param resourceVersion the engine's revision of this state, to drop events older than the row
 */
public record ClusterRow(String id, String name, String kind, String state, String kubernetesVersion,
                         long resourceVersion) {

    static ClusterRow of(ClusterSummary cluster) {
        return new ClusterRow(cluster.id(), cluster.displayName(), kindText(cluster.kind()), cluster.state(),
                cluster.kubernetesVersion().isEmpty() ? "—" : cluster.kubernetesVersion(), cluster.resourceVersion());
    }

    /** Rows whose name, state, kind or version contain the text, ignoring case; blank matches all. */
    static Predicate<ClusterRow> matching(String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return row -> true;
        }
        return row -> (row.name() + " " + row.state() + " " + row.kind() + " " + row.kubernetesVersion())
                .toLowerCase(Locale.ROOT).contains(needle);
    }

    static String kindText(ClusterKind kind) {
        return switch (kind) {
            case IMPORTED -> "Imported";
            case RKE -> "RKE";
            case DIRECT -> "Direct";
        };
    }
}
