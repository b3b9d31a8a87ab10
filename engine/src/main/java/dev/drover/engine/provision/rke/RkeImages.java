package dev.drover.engine.provision.rke;

/**
 * The images RKE runs for a Kubernetes version: hyperkube (every Kubernetes binary), etcd, rke-tools
 * (nginx-proxy) and pause. cluster.yml's {@code system_images} is not read yet, so these are fixed per
 * version line.
 *
 * @param kubernetes hyperkube image
 * @param etcd       etcd image
 * @param tools      rke-tools image (nginx-proxy, snapshots)
 * @param pause      pod infrastructure image
 */
public record RkeImages(String kubernetes, String etcd, String tools, String pause) {

    /** {@code v1.32.4-rancher1-1} → {@code rancher/hyperkube:v1.32.4-rancher1}, with that line's etcd and tools. */
    public static RkeImages forVersion(String kubernetesVersion) {
        int suffix = kubernetesVersion.lastIndexOf('-');
        String hyperkubeTag = kubernetesVersion.contains("-rancher") ? kubernetesVersion.substring(0, suffix) : kubernetesVersion + "-rancher1";
        return new RkeImages("rancher/hyperkube:" + hyperkubeTag, "rancher/mirrored-coreos-etcd:v3.5.16", "rancher/rke-tools:v0.1.105",
                "rancher/mirrored-pause:3.7");
    }
}
