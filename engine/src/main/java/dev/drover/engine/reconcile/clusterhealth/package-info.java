/** Cluster health: API readiness, Kubernetes version, node count and aggregated capacity. */
package dev.drover.engine.reconcile.clusterhealth;
