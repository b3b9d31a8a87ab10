/**
 * The RKE provisioner: cluster.yml (RKE-compatible subset, RKE defaults), validation by field and line,
 * the plane-by-plane plan, PKI, cluster.rkestate, and running the plan over SSH through a {@link
 * dev.drover.engine.provision.rke.NodeRuntime}. {@link dev.drover.engine.provision.rke.RkeCommands} is the
 * entry point for the CLI and the console.
 */
package dev.drover.engine.provision.rke;
