package dev.drover.engine.api;

/** One downstream node as the cluster detail shows it; cpu in millicores, memory in bytes (allocatable). */
public record NodeSummary(String name, java.util.List<String> roles, boolean ready, String kubeletVersion, long cpuMillis, long memoryBytes) {
}
