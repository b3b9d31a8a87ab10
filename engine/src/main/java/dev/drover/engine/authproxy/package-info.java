/**
 * The auth proxy: {@code /k8s/clusters/<id>/...} requests checked against Drover tokens and forwarded
 * to the cluster's API server (directly, or through the agent tunnel) with Kubernetes impersonation
 * headers; watches stream, upgrades (exec, attach, port-forward) are spliced. Handles requests the
 * server hands it; never binds a port.
 */
package dev.drover.engine.authproxy;
