package dev.drover.engine.authproxy;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the auth proxy.
 *
 * @param maxRequestBodyBytes larger request bodies are refused with 413 (kube-apiserver itself caps
 *                            at 3 MiB per object; the default leaves room for big lists in one apply)
 * @param tokenCacheTtl       how long a successful token validation is reused without the store
 * @param tokenCacheSize      validations remembered at most
 * @param connectTimeout      to the downstream API server (or the tunnel's local end)
 * @param idleTimeout         an upstream connection with no traffic this long is closed; watches send
 *                            bookmarks, and exec sessions with no output for this long are closed
 *                            just as kube-apiserver's own idle limits would
 */
public record ProxySettings(long maxRequestBodyBytes, Duration tokenCacheTtl, int tokenCacheSize,
                            Duration connectTimeout, Duration idleTimeout) {

    public static final ProxySettings DEFAULTS = new ProxySettings(10L * 1024 * 1024, Duration.ofSeconds(10), 10_000,
            Duration.ofSeconds(10), Duration.ofHours(4));

    public ProxySettings {
        if (maxRequestBodyBytes < 0) {
            throw new IllegalArgumentException("maxRequestBodyBytes must not be negative");
        }
        Objects.requireNonNull(tokenCacheTtl, "tokenCacheTtl");
        if (tokenCacheSize < 1) {
            throw new IllegalArgumentException("tokenCacheSize must be at least 1");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    public ProxySettings withMaxRequestBodyBytes(long value) {
        return new ProxySettings(value, tokenCacheTtl, tokenCacheSize, connectTimeout, idleTimeout);
    }
}
