package dev.drover.engine.provision.rke;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Kubernetes component as RKE runs it on a node: a container with host networking.
 *
 * @param name          container name, RKE's ({@code etcd}, {@code kube-apiserver}, {@code kubelet}, …)
 * @param image         image reference
 * @param command       the command and its flags
 * @param bootstrapArgs flags the component reads only when it first starts on an empty data directory
 *                      (etcd's {@code --initial-cluster*}); left out of {@link #specHash()} so a membership change
 *                      does not restart running members
 * @param env           environment
 * @param binds         host:container[:options] mounts
 * @param privileged    runs privileged
 * @param hostPid       shares the host's process namespace
 * @param healthUrl     where the component answers health checks on the node, empty if it has none
 * @param labels        extra container labels (e.g. the hash of the certificates it uses)
 */
public record Component(String name, String image, List<String> command, List<String> bootstrapArgs, Map<String, String> env,
                        List<String> binds, boolean privileged, boolean hostPid, String healthUrl, Map<String, String> labels) {

    /** Container label holding {@link #specHash()}, compared to decide whether a running component must be replaced. */
    public static final String SPEC_HASH_LABEL = "io.drover.spec-hash";

    public Component {
        command = List.copyOf(command);
        bootstrapArgs = List.copyOf(bootstrapArgs);
        env = new TreeMap<>(env);
        binds = List.copyOf(binds);
        labels = new TreeMap<>(labels);
    }

    /** The full command line: command then bootstrap flags. */
    public List<String> args() {
        List<String> args = new ArrayList<>(command);
        args.addAll(bootstrapArgs);
        return args;
    }

    /**
     * A digest of everything that, changed, requires replacing the running component: image, command,
     * env, mounts, privileges and labels (so new certificates restart their users), but not bootstrap flags.
     */
    public String specHash() {
        String text = String.join("\u0000", name, image, String.join("\u0001", command), env.toString(), String.join("\u0001", binds),
                Boolean.toString(privileged), Boolean.toString(hostPid), labels.toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of {@code --flag=value} in the command, if present. */
    public String flag(String flag) {
        String prefix = flag + "=";
        return args().stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst().orElse(null);
    }
}
