package dev.drover.engine.authproxy;

import dev.drover.engine.auth.TokenIdentity;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request headers the downstream API server sees: the client's, minus everything that could speak
 * for someone (any {@code Authorization}, {@code Impersonate-*}, cookies) and minus hop-by-hop headers,
 * plus Drover's bearer and the impersonation of the token's user. Header names compare
 * case-insensitively, as HTTP wants, so {@code iMpErSoNaTe-user} is dropped too.
 */
final class ImpersonationHeaders {

    /** Extra keys, as Rancher sends {@code principalid}/{@code username}/{@code requesttokenid}, under our own prefix. */
    static final String EXTRA_TOKEN_ID = "drover.dev/token-id";
    static final String EXTRA_USERNAME = "drover.dev/username";
    static final String EXTRA_PRINCIPAL = "drover.dev/principal-id";
    static final String EXTRA_PROVIDER = "drover.dev/provider";
    static final String AUTHENTICATED = "system:authenticated";

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "host", "content-length", "expect", "http2-settings");
    private static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie");

    private ImpersonationHeaders() {
    }

    /**
     * Builds the upstream headers from the client's. For an upgrade, {@code Connection: Upgrade} and
     * the client's {@code Upgrade} are kept; otherwise the client may not pick the connection's fate.
     */
    static MultiMap forUpstream(MultiMap client, TokenIdentity identity, String upstreamToken, boolean upgrade) {
        Set<String> named = connectionTokens(client);
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : client) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(name) || CREDENTIALS.contains(name) || name.startsWith("impersonate-")
                    || named.contains(name)) {
                continue;
            }
            out.add(header.getKey(), header.getValue());
        }
        if (upgrade) {
            out.set("Connection", "Upgrade");
            out.set("Upgrade", client.get("Upgrade"));
        }
        out.set("Authorization", "Bearer " + upstreamToken);
        out.set("Impersonate-User", identity.username());
        Set<String> groups = new LinkedHashSet<>(identity.groups());
        groups.add(AUTHENTICATED);
        groups.forEach(group -> out.add("Impersonate-Group", group));
        out.set(extraHeader(EXTRA_TOKEN_ID), identity.tokenId());
        out.set(extraHeader(EXTRA_USERNAME), identity.username());
        out.set(extraHeader(EXTRA_PRINCIPAL), identity.provider() + "://" + identity.username());
        out.set(extraHeader(EXTRA_PROVIDER), identity.provider());
        return out;
    }

    /** Headers a response may not carry across the proxy (its own framing is Vert.x's job). */
    static boolean isHopByHop(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return HOP_BY_HOP.contains(lower) && !lower.equals("content-length");
    }

    /** Whether the client asks to switch protocols (WebSocket, SPDY/3.1 for exec, attach, port-forward). */
    static boolean isUpgrade(MultiMap client) {
        return client.get("Upgrade") != null && connectionTokens(client).contains("upgrade");
    }

    /** {@code Impersonate-Extra-} and the key escaped as kube-apiserver unescapes it (client-go's headerKeyEscape). */
    static String extraHeader(String key) {
        StringBuilder out = new StringBuilder("Impersonate-Extra-");
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isTokenChar(c) && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static boolean isTokenChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static Set<String> connectionTokens(MultiMap headers) {
        Set<String> tokens = new HashSet<>();
        for (String value : headers.getAll("Connection")) {
            for (String token : value.split(",")) {
                tokens.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }
}
