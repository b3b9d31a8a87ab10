package dev.drover.engine.provision.rke;

import dev.drover.engine.pki.KeyAlgorithm;
import java.time.Duration;
import java.util.List;

/**
 * How a provisioner run behaves.
 *
 * @param parallelism        hosts worked on at once (RKE's default is 50)
 * @param etcdHealthTimeout  how long etcd may take to report healthy after a start
 * @param healthTimeout      how long an upgraded component may take to report healthy
 * @param keyAlgorithm       key type of newly generated certificates
 * @param cleanDirectories   what {@code remove} deletes on each node (contents of each, the directory kept)
 */
public record ProvisionOptions(int parallelism, Duration etcdHealthTimeout, Duration healthTimeout, KeyAlgorithm keyAlgorithm,
                               List<String> cleanDirectories) {

    /** RKE's clean-up list for {@code rke remove} (data of etcd and Kubernetes, CNI state; snapshots are kept). */
    public static final List<String> RKE_CLEAN_DIRECTORIES = List.of("/etc/kubernetes", "/var/lib/etcd", "/var/lib/kubelet",
            "/etc/cni", "/opt/cni", "/var/lib/cni", "/var/run/calico", "/var/log/containers", "/var/log/pods");

    public static final ProvisionOptions DEFAULTS = new ProvisionOptions(50, Duration.ofMinutes(2), Duration.ofMinutes(5),
            KeyAlgorithm.ECDSA_P256, RKE_CLEAN_DIRECTORIES);

    public ProvisionOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        cleanDirectories = List.copyOf(cleanDirectories);
    }

    public ProvisionOptions withParallelism(int value) {
        return new ProvisionOptions(value, etcdHealthTimeout, healthTimeout, keyAlgorithm, cleanDirectories);
    }

    public ProvisionOptions withHealthTimeouts(Duration etcd, Duration components) {
        return new ProvisionOptions(parallelism, etcd, components, keyAlgorithm, cleanDirectories);
    }

    public ProvisionOptions withCleanDirectories(List<String> value) {
        return new ProvisionOptions(parallelism, etcdHealthTimeout, healthTimeout, keyAlgorithm, value);
    }
}
