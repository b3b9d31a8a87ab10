package dev.drover.agents;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What the agent tells the server about reaching the cluster's API server through it: the URL it dials,
 * the service account token Drover acts with, and the API server's CA. In a cluster that is the
 * in-cluster service and the pod's service account (or {@code DROVER_API_TOKEN}, the long-lived token
 * the import manifest mounts, since projected tokens expire while a tunnel may last for days); outside
 * one, the kubeconfig's current context. Files are read again on every connection, so rotated tokens
 * reach the server when the agent reconnects.
 *
 * @param server     the API server's URL
 * @param token      bearer token; empty when none is known (the server then cannot use this cluster)
 * @param caCertPem  the CA PEM; empty when none is known
 */
record ApiServerAccess(String server, String token, String caCertPem) {

    static final String API_TOKEN = "DROVER_API_TOKEN";
    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    /** Reads the access as it is now; never fails (what cannot be read is left empty, and said so in the log). */
    static ApiServerAccess read(Map<String, String> env, Path serviceAccount) {
        String envToken = env.getOrDefault(API_TOKEN, "").strip();
        String host = env.get("KUBERNETES_SERVICE_HOST");
        if (host != null && !host.isBlank()) {
            String h = host.strip().contains(":") ? "[" + host.strip() + "]" : host.strip();
            String server = "https://" + h + ":" + env.getOrDefault("KUBERNETES_SERVICE_PORT", "443").strip();
            String token = envToken.isEmpty() ? readOrEmpty(serviceAccount.resolve("token")) : envToken;
            return new ApiServerAccess(server, token, readOrEmpty(serviceAccount.resolve("ca.crt")));
        }
        String kubeconfig = env.getOrDefault("KUBECONFIG", "");
        Path file = kubeconfig.isBlank() ? Path.of(System.getProperty("user.home"), ".kube", "config")
                : Path.of(kubeconfig.split(java.io.File.pathSeparator)[0]);
        return fromKubeconfig(file, envToken);
    }

    @SuppressWarnings("unchecked")
    private static ApiServerAccess fromKubeconfig(Path file, String envToken) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> config = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            String contextName = (String) config.get("current-context");
            Map<String, Object> context = named((List<Map<String, Object>>) config.get("contexts"), contextName, "context");
            Map<String, Object> cluster = named((List<Map<String, Object>>) config.get("clusters"), (String) context.get("cluster"), "cluster");
            Map<String, Object> user = named((List<Map<String, Object>>) config.get("users"), (String) context.get("user"), "user");
            String token = envToken.isEmpty() ? String.valueOf(user.getOrDefault("token", "")) : envToken;
            String ca = "";
            if (cluster.get("certificate-authority-data") instanceof String data) {
                ca = new String(Base64.getDecoder().decode(data.strip()), StandardCharsets.US_ASCII);
            } else if (cluster.get("certificate-authority") instanceof String path) {
                ca = readOrEmpty(Path.of(path));
            }
            return new ApiServerAccess(String.valueOf(cluster.get("server")), token, ca);
        } catch (IOException | RuntimeException e) {
            return new ApiServerAccess("", envToken, "");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> named(List<Map<String, Object>> entries, String name, String field) {
        return (Map<String, Object>) entries.stream().filter(e -> name == null || name.equals(e.get("name")))
                .findFirst().orElseThrow().getOrDefault(field, Map.of());
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "";
        }
    }

    boolean complete() {
        return !server.isEmpty() && !token.isEmpty();
    }

    /** The CA as the header carries it (base64, no line breaks). */
    String caBase64() {
        return Base64.getEncoder().encodeToString(caCertPem.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ApiServerAccess[server=" + server + ", token=" + (token.isEmpty() ? "none" : "<hidden>")
                + ", ca=" + (caCertPem.isEmpty() ? "none" : "set") + "]";
    }
}
