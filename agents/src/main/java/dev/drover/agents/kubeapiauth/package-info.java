/**
 * kube-api-auth: a Kubernetes TokenReview webhook that accepts Drover tokens by the hashed records the
 * engine syncs into the cluster, so direct (ACE) kubeconfig contexts keep working while the Drover server
 * is down.
 */
package dev.drover.agents.kubeapiauth;
