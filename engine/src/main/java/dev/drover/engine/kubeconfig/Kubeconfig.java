package dev.drover.engine.kubeconfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The parts of a kubeconfig that recovery needs, read from YAML: each context resolved to its
 * server, CA and token.
 */
public record Kubeconfig(List<Context> contexts) {

    /**
     * A context resolved to everything needed to call its API server.
     *
     * @param name   context name
     * @param server API server URL
     * @param caPem  trusted CA (PEM), or empty to use the system trust store
     * @param token  bearer token
     */
    public record Context(String name, String server, String caPem, String token) {

        /** Direct contexts talk to the cluster itself, not through a Drover server. */
        public boolean isDirect() {
            return !server.contains(KubeconfigBuilder.PROXY_PREFIX);
        }

        @Override
        public String toString() {
            return "Context[" + name + " → " + server + "]";
        }
    }

    public Kubeconfig {
        contexts = List.copyOf(contexts);
    }

    /** Parses kubeconfig YAML; fails with {@link IllegalArgumentException} saying what is wrong. */
    @SuppressWarnings("unchecked")
    public static Kubeconfig parse(String yaml) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map) || !"Config".equals(map.get("kind"))) {
            throw new IllegalArgumentException("not a kubeconfig (kind: Config missing)");
        }
        List<Context> contexts = new ArrayList<>();
        for (Map<String, Object> entry : list(map.get("contexts"))) {
            Map<String, Object> context = (Map<String, Object>) entry.getOrDefault("context", Map.of());
            String name = String.valueOf(entry.get("name"));
            Map<String, Object> cluster = find(map.get("clusters"), String.valueOf(context.get("cluster")), "cluster")
                    .orElseThrow(() -> new IllegalArgumentException("context " + name + " names a missing cluster"));
            Map<String, Object> user = find(map.get("users"), String.valueOf(context.get("user")), "user").orElse(Map.of());
            String ca = cluster.containsKey("certificate-authority-data")
                    ? new String(Base64.getDecoder().decode(String.valueOf(cluster.get("certificate-authority-data"))), StandardCharsets.US_ASCII)
                    : "";
            contexts.add(new Context(name, String.valueOf(cluster.get("server")), ca, String.valueOf(user.getOrDefault("token", ""))));
        }
        return new Kubeconfig(contexts);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> find(Object entries, String name, String field) {
        return list(entries).stream().filter(e -> name.equals(String.valueOf(e.get("name"))))
                .map(e -> (Map<String, Object>) e.getOrDefault(field, Map.of())).findFirst();
    }
}
