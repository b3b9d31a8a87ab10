package dev.drover.agents;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The only targets an agent dials for the server: the cluster's API server — the in-cluster service
 * ({@code KUBERNETES_SERVICE_HOST/PORT}) or, outside a cluster, the server of the kubeconfig's current
 * context ({@code KUBECONFIG}, else {@code ~/.kube/config}). Immutable.
 */
record AllowList(Set<String> targets) {

    AllowList {
        targets = Set.copyOf(targets);
    }

    boolean allows(String target) {
        return targets.contains(target.toLowerCase(Locale.ROOT));
    }

    /** Works out the API server from the environment; fails with a sentence when there is none. */
    static AllowList detect(Map<String, String> env) {
        Set<String> targets = new TreeSet<>();
        String host = env.get("KUBERNETES_SERVICE_HOST");
        if (host != null && !host.isBlank()) {
            String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
            targets.add(hostPort(host.strip(), port.strip()));
            targets.add("kubernetes.default.svc:" + port.strip());
            targets.add("kubernetes.default.svc.cluster.local:" + port.strip());
            return new AllowList(targets);
        }
        String kubeconfig = env.getOrDefault("KUBECONFIG", "");
        Path file = kubeconfig.isBlank() ? Path.of(System.getProperty("user.home"), ".kube", "config")
                : Path.of(kubeconfig.split(java.io.File.pathSeparator)[0]);
        targets.add(fromKubeconfig(file));
        return new AllowList(targets);
    }

    @SuppressWarnings("unchecked")
    static String fromKubeconfig(Path file) {
        Map<String, Object> config;
        try (Reader reader = Files.newBufferedReader(file)) {
            config = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not in a cluster (KUBERNETES_SERVICE_HOST unset) and the kubeconfig "
                    + file + " cannot be read: " + e.getMessage() + ". Set KUBECONFIG to the cluster's kubeconfig.", e);
        }
        try {
            String context = (String) config.get("current-context");
            String clusterName = ((List<Map<String, Object>>) config.get("contexts")).stream()
                    .filter(c -> context == null || context.equals(c.get("name")))
                    .map(c -> (String) ((Map<String, Object>) c.get("context")).get("cluster"))
                    .findFirst().orElseThrow();
            String server = ((List<Map<String, Object>>) config.get("clusters")).stream()
                    .filter(c -> clusterName.equals(c.get("name")))
                    .map(c -> (String) ((Map<String, Object>) c.get("cluster")).get("server"))
                    .findFirst().orElseThrow();
            URI uri = URI.create(server);
            int port = uri.getPort() > 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
            return hostPort(uri.getHost(), String.valueOf(port));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The kubeconfig " + file + " names no API server for its current context.", e);
        }
    }

    private static String hostPort(String host, String port) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (h + ":" + port).toLowerCase(Locale.ROOT);
    }
}
