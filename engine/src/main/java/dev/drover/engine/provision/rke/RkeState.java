package dev.drover.engine.provision.rke;

import java.util.List;
import java.util.Map;

/**
 * cluster.rkestate as Drover keeps it: the desired state (the config being applied and its
 * certificates) and the current state (what was last applied successfully, plane by plane).
 *
 * @param desiredState what the current run is working towards
 * @param currentState what the cluster has, as far as Drover knows
 */
public record RkeState(State desiredState, State currentState) {

    /**
     * One side of the state.
     *
     * @param rkeConfig          cluster.yml as parsed (defaults filled in)
     * @param certificatesBundle certificate name → PEM certificate and key
     * @param appliedNodes       addresses of nodes whose planes are in place
     * @param completedPlanes    planes completed in the last run ({@code ETCD}, {@code CONTROLPLANE}, {@code WORKER})
     */
    public record State(RkeClusterConfig rkeConfig, Map<String, RkeCertificates.Entry> certificatesBundle,
                        List<String> appliedNodes, List<String> completedPlanes) {

        public State {
            certificatesBundle = certificatesBundle == null ? Map.of() : Map.copyOf(certificatesBundle);
            appliedNodes = appliedNodes == null ? List.of() : List.copyOf(appliedNodes);
            completedPlanes = completedPlanes == null ? List.of() : List.copyOf(completedPlanes);
        }

        @Override
        public String toString() {
            return "State[nodes=" + appliedNodes + ", planes=" + completedPlanes + "]";
        }
    }

    public static RkeState initial(RkeClusterConfig config, Map<String, RkeCertificates.Entry> certificates) {
        return new RkeState(new State(config, certificates, List.of(), List.of()), null);
    }
}
