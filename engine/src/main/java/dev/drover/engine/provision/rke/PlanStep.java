package dev.drover.engine.provision.rke;

import java.util.List;

/**
 * One step of a provisioning plan: an action on a batch of nodes that run in parallel. Steps run one
 * after another; a failed step stops the plan.
 *
 * @param plane  which plane the step belongs to
 * @param action what is done, e.g. {@code check}, {@code deploy-certificates}, {@code upgrade}
 * @param nodes  addresses of the nodes done together
 */
public record PlanStep(Plane plane, String action, List<String> nodes) {

    public PlanStep {
        nodes = List.copyOf(nodes);
    }

    /** The stages of an RKE run, in order. */
    public enum Plane { PREPARE, ETCD, CONTROLPLANE, WORKER }
}
