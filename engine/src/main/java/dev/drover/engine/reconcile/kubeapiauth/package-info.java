/**
 * Syncs the hashed records of every live Drover token usable on a cluster into that cluster (Secret
 * {@code drover-system/drover-kube-api-auth}) for kube-api-auth, the webhook that keeps direct (ACE)
 * kubeconfig contexts working while the Drover server is down.
 */
package dev.drover.engine.reconcile.kubeapiauth;
