package dev.drover.engine.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the import manifest (namespace, service account, RBAC, token secret, cluster-agent
 * Deployment, node-agent DaemonSet) from the template in the repository's {@code resources/manifests/}.
 * Thread-safe.
 */
public final class ImportManifest {

    static final String TEMPLATE = "/dev/drover/resources/manifests/import.yaml";

    private final String template;
    private final String agentImage;

    /** @param agentImage the container image of the agents, e.g. {@code drover/agent:0.1.0} */
    public ImportManifest(String agentImage) {
        this.template = load();
        this.agentImage = agentImage;
    }

    /** The manifest for one cluster's agents. Values are inserted as YAML double-quoted strings. */
    public String render(String clusterId, String serverUrl, String token, String caChecksum) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("CLUSTER_ID", quote(clusterId));
        values.put("SERVER_URL", quote(serverUrl));
        values.put("TOKEN_BASE64", quote(Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))));
        values.put("CA_CHECKSUM", quote(caChecksum));
        values.put("AGENT_IMAGE", quote(agentImage));
        String out = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            out = out.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        return out;
    }

    private static String quote(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\x%02x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    private static String load() {
        try (InputStream in = ImportManifest.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the import manifest template " + TEMPLATE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
