package dev.drover.engine.api.wire;

/**
 * Answer to {@code GET /v3/info}.
 *
 * @param version  the server's engine version
 * @param username who the presented token speaks for
 * @param admin    whether that user may change things
 */
public record ServerInfo(String version, String username, boolean admin) {
}
