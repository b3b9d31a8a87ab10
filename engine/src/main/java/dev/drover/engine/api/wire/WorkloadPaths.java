package dev.drover.engine.api.wire;

import dev.drover.engine.api.WorkloadRef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The workloads part of the API (kept apart from {@link ApiPaths} so features grow side by side):
 * <ul>
 *   <li>{@code GET /v3/clusters/<id>/workloads?project=&namespace=&pods=true}: a JSON array of {@code WorkloadSummary}</li>
 *   <li>{@code GET …/workloads/<type>/<namespace>/<name>/pods}: the workload's pods</li>
 *   <li>{@code POST …/scale} ({@link ScaleRequest}), {@code POST …/redeploy}, {@code DELETE …/workloads/<type>/<ns>/<name>}: 204</li>
 *   <li>{@code GET …/yaml}, {@code PUT …/yaml}: a {@link YamlDocument} in and out</li>
 *   <li>WebSocket {@value #WATCH_WORKLOADS}{@code ?cluster=&project=&namespace=&pods=}: {@link WorkloadWatchMessage}s</li>
 *   <li>WebSocket {@value #POD_LOG}{@code ?cluster=&namespace=&pod=&container=&tailLines=&follow=}: {@link PodLogMessage}s</li>
 * </ul>
 * {@code <type>} is the lower-case {@code WorkloadType} ({@code deployment}, …, {@code pod}).
 */
public final class WorkloadPaths {

    public static final String WORKLOADS = "/workloads";
    public static final String PODS = "/pods";
    public static final String SCALE = "/scale";
    public static final String REDEPLOY = "/redeploy";
    public static final String YAML = "/yaml";
    public static final String WATCH_WORKLOADS = "/v3/watch/workloads";
    public static final String POD_LOG = "/v3/watch/podlog";

    private WorkloadPaths() {
    }

    /** {@code /v3/clusters/<id>/workloads}. */
    public static String workloads(String clusterId) {
        return ApiPaths.cluster(clusterId) + WORKLOADS;
    }

    /** {@code /v3/clusters/<id>/workloads/<type>/<namespace>/<name>}. */
    public static String workload(WorkloadRef ref) {
        return workloads(blankAsDash(ref.clusterId())) + "/" + (ref.type() == null ? "-" : ref.type().name().toLowerCase(Locale.ROOT))
                + "/" + encode(blankAsDash(ref.namespace())) + "/" + encode(blankAsDash(ref.name()));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private static String blankAsDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
