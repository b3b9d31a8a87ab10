package dev.drover.engine.reconcile.nodepool;

import dev.drover.engine.provision.rke.Cancellation;
import dev.drover.engine.provision.rke.ProvisionEvent;
import dev.drover.engine.provision.rke.RkeCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Applies pool membership with the RKE provisioner. Each cluster has a directory {@code <root>/<clusterId>}
 * holding what RKE keeps: {@code cluster.yml} (rewritten here with the pools' nodes), cluster.rkestate and the
 * admin kubeconfig. Cluster-wide settings come from {@code cluster-base.yml} in that directory (any
 * cluster.yml without its nodes, e.g. written by the wizard); without one, RKE's defaults apply.
 */
public final class RkePoolProvisioner implements PoolProvisioner {

    /** Cluster-wide settings of a pool cluster: a cluster.yml whose {@code nodes} are ignored. */
    public static final String BASE_FILE = "cluster-base.yml";
    private static final Logger LOG = LoggerFactory.getLogger(RkePoolProvisioner.class);

    private final Path root;
    private final RkeCommands commands;

    public RkePoolProvisioner(Path root, RkeCommands commands) {
        this.root = root;
        this.commands = commands;
    }

    @Override
    public void apply(String clusterId, List<PoolMember> members) throws Exception {
        Path directory = root.resolve(clusterId);
        Files.createDirectories(directory);
        Path clusterYml = directory.resolve("cluster.yml");
        if (members.isEmpty()) {
            if (Files.exists(clusterYml)) {
                commands.remove(clusterYml, event -> log(clusterId, event), Cancellation.none());
            }
            return;
        }
        Files.writeString(clusterYml, clusterYml(clusterId, readBase(directory.resolve(BASE_FILE)), members));
        Files.setPosixFilePermissions(clusterYml, PosixFilePermissions.fromString("rw-------"));
        commands.up(clusterYml, event -> log(clusterId, event), Cancellation.none());
    }

    /** The cluster.yml for {@code members}: the base's settings with a nodes list in member order. */
    static String clusterYml(String clusterId, Map<String, Object> base, List<PoolMember> members) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("cluster_name", clusterId);
        document.putAll(base);
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (PoolMember member : members) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("address", member.host().address());
            node.put("port", member.host().port());
            node.put("user", member.host().user());
            node.put("role", member.roles());
            node.put("hostname_override", member.name());
            if (!member.host().sshKeyPath().isEmpty()) {
                node.put("ssh_key_path", member.host().sshKeyPath());
            }
            nodes.add(node);
        }
        document.put("nodes", nodes);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return "# written by Drover's nodepool reconciler from the cluster's node pools; edit " + BASE_FILE + " instead\n"
                + new Yaml(options).dump(document);
    }

    private static Map<String, Object> readBase(Path base) throws IOException {
        if (!Files.exists(base)) {
            return Map.of();
        }
        Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(base));
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IOException(base + " is not a cluster.yml mapping");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        map.forEach((k, v) -> settings.put(String.valueOf(k), v));
        settings.remove("nodes");
        return settings;
    }

    private static void log(String clusterId, ProvisionEvent event) {
        if (event instanceof ProvisionEvent.LogLine(String host, String line)) {
            LOG.info("cluster {}: {}{}", clusterId, host.isEmpty() ? "" : host + ": ", line);
        } else if (event instanceof ProvisionEvent.PlaneFinished(var plane)) {
            LOG.info("cluster {}: {} plane done", clusterId, plane);
        }
    }
}
