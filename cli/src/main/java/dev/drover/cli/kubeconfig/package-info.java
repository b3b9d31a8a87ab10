/**
 * {@code drover kubeconfig export|recover}: export through the server's API (copy kept in the local vault),
 * and offline recovery of the direct contexts from the vault or from RKE's own files.
 */
package dev.drover.cli.kubeconfig;
