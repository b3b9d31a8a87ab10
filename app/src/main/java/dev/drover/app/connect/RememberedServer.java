package dev.drover.app.connect;

import java.util.Objects;

/**
 * A server the user connected to before. No password or token is remembered — only who to log in as
 * and which CA was confirmed, so the fingerprint question is asked once per server.
 *
 * @param url         {@code https://host:port}
 * @param username    the last user name, empty for token logins
 * @param fingerprint SHA-256 of the CA the user confirmed, lower-case hex
 */
public record RememberedServer(String url, String username, String fingerprint) {
    public RememberedServer {
        Objects.requireNonNull(url, "url");
        username = username == null ? "" : username;
        fingerprint = fingerprint == null ? "" : fingerprint;
    }
}
