/**
 * Kubeconfig export with the Authorized Cluster Endpoint (proxy and direct contexts), owner-only
 * secret files, the local vault of exported kubeconfigs, and offline recovery of direct contexts.
 */
package dev.drover.engine.kubeconfig;
