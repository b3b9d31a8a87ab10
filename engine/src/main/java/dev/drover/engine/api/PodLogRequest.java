package dev.drover.engine.api;

/** Logs of one pod: container empty for the first; tailLines 0 for all; follow to keep streaming. */
public record PodLogRequest(String clusterId, String namespace, String pod, String container, int tailLines, boolean follow) {
}
