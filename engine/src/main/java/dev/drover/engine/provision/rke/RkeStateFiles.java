package dev.drover.engine.provision.rke;

import dev.drover.engine.kubeconfig.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the files RKE keeps beside cluster.yml: {@code cluster.rkestate} (JSON, holds every
 * private key) and {@code kube_config_<name>.yml} (the admin kubeconfig). Both are written owner-only
 * (0600) and atomically, so a crash never leaves half a state file.
 */
public final class RkeStateFiles {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private RkeStateFiles() {
    }

    /** {@code cluster.yml} → {@code cluster.rkestate}, as RKE names it. */
    public static Path statePath(Path clusterYml) {
        return sibling(clusterYml, ".rkestate");
    }

    /** {@code cluster.yml} → {@code kube_config_cluster.yml}. */
    public static Path kubeconfigPath(Path clusterYml) {
        return clusterYml.resolveSibling("kube_config_" + clusterYml.getFileName());
    }

    public static void writeState(Path file, RkeState state) throws IOException {
        SecretFiles.write(file, JSON.writeValueAsString(state));
    }

    /** The saved state, empty if there is none yet; a damaged file is an error naming it, never silently replaced. */
    public static Optional<RkeState> readState(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(Files.readString(file), RkeState.class));
        } catch (JacksonException e) {
            throw new IOException(file + " is not a readable cluster.rkestate (" + e.getOriginalMessage()
                    + "); it was left as is: restore it from a backup before running again", e);
        }
    }

    /** The admin kubeconfig: kube-admin's client certificate against the first control-plane node. */
    public static void writeAdminKubeconfig(Path file, RkeClusterConfig config, Map<String, RkeCertificates.Entry> bundle) throws IOException {
        RkeNode controlPlane = config.nodesWith(RkeNode.Role.CONTROLPLANE).getFirst();
        RkeCertificates.Entry ca = bundle.get(RkeCertificates.KUBE_CA);
        RkeCertificates.Entry admin = bundle.get(RkeCertificates.ADMIN);
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("server", "https://" + controlPlane.address() + ":6443");
        cluster.put("certificate-authority-data", base64(ca.certificatePem()));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("client-certificate-data", base64(admin.certificatePem()));
        user.put("client-key-data", base64(admin.keyPem()));
        String name = "kube-admin-" + config.clusterName();
        Map<String, Object> kubeconfig = new LinkedHashMap<>();
        kubeconfig.put("apiVersion", "v1");
        kubeconfig.put("kind", "Config");
        kubeconfig.put("clusters", List.of(Map.of("name", config.clusterName(), "cluster", cluster)));
        kubeconfig.put("users", List.of(Map.of("name", name, "user", user)));
        kubeconfig.put("contexts", List.of(Map.of("name", config.clusterName(), "context", Map.of("cluster", config.clusterName(), "user", name))));
        kubeconfig.put("current-context", config.clusterName());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE);
        SecretFiles.write(file, new Yaml(options).dump(kubeconfig));
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static Path sibling(Path clusterYml, String extension) {
        String name = clusterYml.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return clusterYml.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension);
    }
}
