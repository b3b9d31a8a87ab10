/**
 * Kubeconfig export with the Authorized Cluster Endpoint (proxy and direct contexts), owner-only
 * secret files, the local vault of exported kubeconfigs, offline recovery of direct contexts, and a
 * read-only listing of workloads through one ({@code DirectWorkloads}).
 */
package dev.drover.engine.kubeconfig;
