package dev.drover.engine.api;

/** Where the engine runs relative to the console. */
public enum EngineMode {
    /** In this process, with the embedded store: zero set-up. */
    LAB,
    /** On a shared headless server the console attached to. */
    REMOTE
}
