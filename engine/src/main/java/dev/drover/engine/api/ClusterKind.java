package dev.drover.engine.api;

/** How Drover reaches and manages a cluster. */
public enum ClusterKind {
    /** An existing cluster whose agent dials in through the tunnel. */
    IMPORTED,
    /** A cluster Drover built with its RKE provisioner. */
    RKE,
    /** An existing cluster reached directly at a reachable API endpoint. */
    DIRECT
}
