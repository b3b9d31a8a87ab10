package dev.drover.engine.api;

/** Optional project limits as Kubernetes quantities ("4", "8Gi"); empty strings for no limit. */
public record ProjectQuota(String cpu, String memory, String pods, String namespaceCpu, String namespaceMemory) {
}
