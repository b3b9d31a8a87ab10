package dev.drover.engine.api;

/** What kubeconfig to export: clusters, with proxy contexts (through the server) and/or ACE (direct) contexts. */
public record KubeconfigExport(java.util.List<String> clusterIds, boolean proxyContexts, boolean aceContexts) {
}
