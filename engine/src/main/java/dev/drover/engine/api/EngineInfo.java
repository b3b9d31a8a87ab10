package dev.drover.engine.api;

import java.util.Objects;

/**
 * What the console shows in its status bar about the engine it is attached to.
 *
 * @param mode     lab (in-process) or remote (shared server)
 * @param location where the engine keeps its state: the store file in lab mode, the server URL remotely
 * @param version  Drover engine version
 */
public record EngineInfo(EngineMode mode, String location, String version) {
    public EngineInfo {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(version, "version");
    }
}
