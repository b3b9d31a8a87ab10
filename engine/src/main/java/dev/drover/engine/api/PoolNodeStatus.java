package dev.drover.engine.api;

/** One node of a pool as last observed; {@code unhealthySince} null when healthy. */
public record PoolNodeStatus(String name, String address, String state, java.time.Instant unhealthySince) {
}
