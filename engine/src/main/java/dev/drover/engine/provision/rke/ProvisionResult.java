package dev.drover.engine.provision.rke;

import java.time.Duration;
import java.util.List;

/**
 * What a provisioner run did.
 *
 * @param completedPlanes    planes completed, in order
 * @param componentsChanged  components started or replaced (0 when the cluster already matched)
 * @param filesChanged       certificate and kubeconfig files written on nodes
 * @param snapshot           name of the etcd snapshot taken before changing etcd, or empty
 * @param took               wall-clock time
 */
public record ProvisionResult(List<String> completedPlanes, int componentsChanged, int filesChanged, String snapshot, Duration took) {

    public ProvisionResult {
        completedPlanes = List.copyOf(completedPlanes);
    }

    /** True when the run changed nothing on any node. */
    public boolean unchanged() {
        return componentsChanged == 0 && filesChanged == 0 && snapshot.isEmpty();
    }
}
