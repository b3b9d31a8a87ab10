package dev.drover.engine.api.wire;

/** Body of {@code POST …/scale}. */
public record ScaleRequest(int replicas) {
}
