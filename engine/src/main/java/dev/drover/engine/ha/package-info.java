/**
 * Several server replicas on one etcd (issue #9): {@link dev.drover.engine.ha.EtcdLeadership} elects the one
 * replica that runs the reconcilers that must run once, {@link dev.drover.engine.ha.ReplicaMembership}
 * tracks the live replicas through leased keys, and {@link dev.drover.engine.ha.HashRing} spreads cluster
 * ids over them so each per-cluster reconciler runs on exactly one replica and few move when one joins
 * or leaves ({@link dev.drover.engine.runtime.Ownership} re-balances the loops). {@link dev.drover.engine.ha.AgentDirectory}
 * publishes every replica's agent sessions and sealed API access reports, so the owner of a cluster sees its
 * agent wherever it is connected, and {@link dev.drover.engine.ha.PeerLinks} / {@link dev.drover.engine.ha.PeerServer}
 * carry the streams between replicas.
 */
package dev.drover.engine.ha;
