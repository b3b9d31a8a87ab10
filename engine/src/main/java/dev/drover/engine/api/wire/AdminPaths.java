package dev.drover.engine.api.wire;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Paths of the cluster detail, events, projects, namespaces, members, users, node pool and kubeconfig
 * calls (all under {@link ApiPaths#CLUSTERS} or {@code /v3}). Bodies are the {@code engine.api} records,
 * or the small ones here for single-field changes.
 */
public final class AdminPaths {

    /** Suffix of {@code GET /v3/clusters/<id>/events}: a JSON array of {@code ClusterEvent}, newest first. */
    public static final String EVENTS = "/events";
    /** Prefix of the events WebSocket: {@code /v3/watch/clusters/<id>/events}, frames are {@link EventWatchMessage}s. */
    public static final String WATCH_CLUSTER_PREFIX = "/v3/watch/clusters/";
    /** Suffix of {@code GET /v3/clusters/<id>/namespaces}; {@code PUT .../namespaces/<ns>/project} with a {@link NamespaceMove}. */
    public static final String NAMESPACES = "/namespaces";
    /** Suffix of a namespace's project: {@code PUT} a {@link NamespaceMove}. */
    public static final String PROJECT = "/project";
    /** Suffix of {@code GET/POST /v3/clusters/<id>/members} ({@code ?projectId=} for a project's); {@code DELETE .../members/<id>}. */
    public static final String MEMBERS = "/members";
    /** The query parameter naming a project. */
    public static final String PROJECT_ID = "projectId";
    /** Suffix of a user's {@code PUT /v3/users/<name>/enabled} with a {@link UserEnabled}. */
    public static final String ENABLED = "/enabled";
    /** Suffix of a node pool's {@code PUT /v3/clusters/<id>/nodepools/<pool>/quantity} with a {@link PoolQuantity}. */
    public static final String QUANTITY = "/quantity";
    /** {@code POST} a {@code KubeconfigExport}, get an {@code ExportedKubeconfig} (its token is issued to the caller). */
    public static final String KUBECONFIG = "/v3/kubeconfig";

    private AdminPaths() {
    }

    /** One URL-encoded path segment. */
    public static String segment(String value) {
        return "/" + URLEncoder.encode(value == null || value.isBlank() ? "-" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Body of a namespace move; {@code projectId} empty for none. */
    public record NamespaceMove(String projectId) {
    }

    /** Body of enabling or disabling a user. */
    public record UserEnabled(boolean enabled) {
    }

    /** Body of scaling a node pool. */
    public record PoolQuantity(int quantity) {
    }
}
