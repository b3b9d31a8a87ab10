package dev.drover.engine.authproxy;

import dev.drover.engine.auth.TokenIdentity;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
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

    private static final AsciiString AUTHORIZATION = AsciiString.cached("Authorization");

    /**
     * Hop-by-hop headers, compared ignoring case. A list rather than a set of lower-cased names: a
     * length check rejects most names at once, where lower-casing allocated a string per header per request.
     */
    private static final List<String> HOP_BY_HOP = List.of("Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer",
            "Transfer-Encoding", "Upgrade", "Host", "Content-Length", "Expect", "HTTP2-Settings");
    private static final List<String> CREDENTIALS = List.of("Authorization", "Proxy-Authorization", "Cookie");
    private static final String IMPERSONATE = "Impersonate-";

    private ImpersonationHeaders() {
    }

    /**
     * Builds the upstream headers from the client's. For an upgrade, {@code Connection: Upgrade} and
     * the client's {@code Upgrade} are kept; otherwise the client may not pick the connection's fate.
     */
    static MultiMap forUpstream(MultiMap client, TokenIdentity identity, String upstreamToken, boolean upgrade) {
        return copy(client, identity, "Bearer " + upstreamToken, upgrade, MultiMap.caseInsensitiveMultiMap());
    }

    /**
     * As {@link #forUpstream}, into {@code out} (the upstream request's own headers, so they are not copied
     * once more), with the downstream credential's whole {@code Authorization} value (an encoded one,
     * {@link Upstream#authorization()}, is written out in one copy). Returns {@code out}.
     */
    static MultiMap copy(MultiMap client, TokenIdentity identity, CharSequence authorization, boolean upgrade, MultiMap out) {
        Set<String> named = connectionTokens(client);
        for (Map.Entry<String, String> header : client) {
            String name = header.getKey();
            if (isDropped(name) || !named.isEmpty() && named.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            out.add(name, header.getValue());
        }
        if (upgrade) {
            out.set("Connection", "Upgrade");
            out.set("Upgrade", client.get("Upgrade"));
        }
        // every client Authorization and Impersonate-* header was dropped above, so these are the only ones
        out.add(AUTHORIZATION, authorization);
        EncodedImpersonation.of(identity).addTo(out);
        return out;
    }

    /** Whether a client's header never reaches the API server: hop-by-hop, a credential or an impersonation. */
    private static boolean isDropped(String name) {
        return name.regionMatches(true, 0, IMPERSONATE, 0, IMPERSONATE.length()) || anyIgnoringCase(HOP_BY_HOP, name)
                || anyIgnoringCase(CREDENTIALS, name);
    }

    private static boolean anyIgnoringCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Headers a response may not carry across the proxy (its own framing is Vert.x's job). */
    static boolean isHopByHop(String name) {
        return anyIgnoringCase(HOP_BY_HOP, name) && !name.equalsIgnoreCase("Content-Length");
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
        if (!headers.contains("Connection")) {
            return Set.of(); // the common case (HTTP/1.1 keep-alive, kubectl): no set, no split
        }
        Set<String> tokens = new HashSet<>();
        for (String value : headers.getAll("Connection")) {
            for (String token : value.split(",")) {
                tokens.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }
}
