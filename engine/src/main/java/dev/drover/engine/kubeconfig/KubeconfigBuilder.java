package dev.drover.engine.kubeconfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Builds kubeconfig YAML the way Rancher's ACE does: per cluster a proxy context {@code <cluster>}
 * through the Drover server, and, with ACE on, a direct context per control-plane node
 * ({@code <cluster>-<node>}) or one {@code <cluster>-fqdn} context, each trusting the cluster's own CA.
 * All contexts use the same Drover token: downstream, kube-api-auth validates it when Drover is down.
 */
public final class KubeconfigBuilder {

    /** Proxy path prefix served by the auth proxy. */
    public static final String PROXY_PREFIX = "/k8s/clusters/";

    private KubeconfigBuilder() {
    }

    public static String build(KubeconfigRequest request) {
        List<Map<String, Object>> clusters = new ArrayList<>();
        List<Map<String, Object>> contexts = new ArrayList<>();
        String user = safeName(request.username());
        for (ClusterAccess cluster : request.clusters()) {
            String base = safeName(cluster.name());
            if (request.proxyContexts()) {
                clusters.add(cluster(base, request.serverUrl() + PROXY_PREFIX + cluster.id(), request.serverCaPem()));
                contexts.add(context(base, base, user));
            }
            if (request.aceContexts() && cluster.aceEnabled()) {
                for (Map.Entry<String, String> direct : directEndpoints(cluster).entrySet()) {
                    String name = base + "-" + direct.getKey();
                    clusters.add(cluster(name, direct.getValue(), cluster.aceCaPem()));
                    contexts.add(context(name, name, user));
                }
            }
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("clusters", clusters);
        config.put("users", List.of(Map.of("name", user, "user", Map.of("token", request.token()))));
        config.put("contexts", contexts);
        config.put("current-context", contexts.isEmpty() ? "" : contexts.getFirst().get("name"));
        config.put("preferences", Map.of());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(options).dump(config);
    }

    /** Context-name suffix → https URL of each direct endpoint of a cluster. */
    static Map<String, String> directEndpoints(ClusterAccess cluster) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        if (!cluster.aceFqdn().isEmpty()) {
            String fqdn = cluster.aceFqdn();
            endpoints.put("fqdn", "https://" + (fqdn.contains(":") ? fqdn : fqdn + ":443"));
            return endpoints;
        }
        for (ClusterAccess.ControlPlaneNode node : cluster.controlPlaneNodes()) {
            String host = node.address().contains(":") ? "[" + node.address() + "]" : node.address();
            endpoints.put(safeName(node.name()), "https://" + host + ":" + node.port());
        }
        return endpoints;
    }

    /** kubectl accepts any context name, but shell users type them: keep to [a-z0-9.-]. */
    static String safeName(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("^-+|-+$", "");
        return lower.isEmpty() ? "cluster" : lower;
    }

    private static Map<String, Object> cluster(String name, String server, String caPem) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("server", server);
        if (!caPem.isEmpty()) {
            cluster.put("certificate-authority-data",
                    Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)));
        }
        return Map.of("name", name, "cluster", cluster);
    }

    private static Map<String, Object> context(String name, String cluster, String user) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("cluster", cluster);
        context.put("user", user);
        return Map.of("name", name, "context", context);
    }
}
