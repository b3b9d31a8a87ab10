/**
 * The RKE provisioner: cluster.yml (RKE-compatible subset, RKE defaults), validation by field and line,
 * and the plane-by-plane plan; PKI, cluster.rkestate and SSH execution build on these.
 */
package dev.drover.engine.provision.rke;
