package dev.drover.engine.api.wire;

/** The management API's paths, all under {@code /v3} as Rancher's are. */
public final class ApiPaths {

    /** {@code POST} a {@link LoginRequest}, get a {@link LoginResponse}; the only call without a token. */
    public static final String LOGIN = "/v3/login";
    /** {@code GET} a {@link ServerInfo}. */
    public static final String INFO = "/v3/info";
    /** {@code GET} a {@link ClusterList}, {@code POST} a {@code NewCluster}. */
    public static final String CLUSTERS = "/v3/clusters";
    /** Suffix of {@code POST /v3/clusters/<id>/import}: a {@code ClusterImport}. */
    public static final String IMPORT_ACTION = "/import";
    /**
     * WebSocket of {@link WatchMessage}s; {@code ?resourceVersion=N} resumes after N, without it the
     * server lists first and ends the list with {@link WatchMessage#SYNCED}.
     */
    public static final String WATCH_CLUSTERS = "/v3/watch/clusters";
    /** Suffix of {@code GET /v3/clusters/<id>/projects}: a JSON array of {@code ProjectSummary}. */
    public static final String PROJECTS = "/projects";
    /** Suffix of {@code GET /v3/clusters/<id>/nodepools}: a JSON array of {@code NodePoolSummary}. */
    public static final String NODE_POOLS = "/nodepools";
    /** {@code GET} the users as a JSON array of {@code UserSummary}. */
    public static final String USERS = "/v3/users";
    /** {@code GET} the role templates as a JSON array of {@code RoleTemplateSummary}. */
    public static final String ROLE_TEMPLATES = "/v3/roletemplates";
    /** Liveness, without a token: 200 {@code ok}. */
    public static final String HEALTHZ = "/healthz";
    /** The query parameter of a watch to resume. */
    public static final String RESOURCE_VERSION = "resourceVersion";

    private ApiPaths() {
    }

    /** {@code /v3/clusters/<id>}; ids are checked by the server, so only the path separator matters here. */
    public static String cluster(String clusterId) {
        return CLUSTERS + "/" + java.net.URLEncoder.encode(clusterId, java.nio.charset.StandardCharsets.UTF_8);
    }
}
