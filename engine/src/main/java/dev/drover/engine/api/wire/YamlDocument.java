package dev.drover.engine.api.wire;

/** An object's YAML, in and out of {@code …/yaml}. */
public record YamlDocument(String yaml) {
}
