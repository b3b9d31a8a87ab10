/**
 * Several server replicas on one etcd (issue #9): {@link dev.drover.engine.ha.EtcdLeadership} elects the one
 * replica that runs the reconcilers that must run once, {@link dev.drover.engine.ha.ReplicaMembership}
 * tracks the live replicas through leased keys, and {@link dev.drover.engine.ha.HashRing} spreads cluster
 * ids over them so each per-cluster reconciler runs on exactly one replica and few move when one joins
 * or leaves.
 */
package dev.drover.engine.ha;
