package dev.drover.engine.authproxy;

import dev.drover.engine.auth.TokenIdentity;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@code Impersonate-*} headers for one token's user, names and values encoded to bytes once.
 *
 * <p>Why: Netty writes a {@code String} header into the outgoing buffer one character at a time, each a
 * bounds-checked put into direct memory, while an {@link AsciiString} is copied in one go. The
 * impersonation headers and the downstream bearer (a service-account token of a kilobyte or so) are
 * most of an upstream request's head, so encoding them char by char was the proxy's single hottest spot
 * (6 % of its CPU at concurrency 64, see BENCHMARKS.md, Auth proxy).
 */
final class EncodedImpersonation {

    private static final AsciiString USER = AsciiString.cached("Impersonate-User");
    private static final AsciiString GROUP = AsciiString.cached("Impersonate-Group");

    /**
     * Recently used encodings, looked up by the identity object itself: the token cache hands out the same
     * {@link TokenIdentity} instance for as long as it holds a token, so a hit is one array read and one
     * reference compare. Direct-mapped and fixed in size, so it never grows with the number of tokens; a
     * collision only costs an encoding.
     */
    private static final AtomicReferenceArray<EncodedImpersonation> RECENT = new AtomicReferenceArray<>(256);

    private final TokenIdentity identity;
    /** Header name, value, name, value…, in the order they are set. */
    private final AsciiString[] headers;

    private EncodedImpersonation(TokenIdentity identity) {
        this.identity = identity;
        // the values themselves come from Impersonation, which the engine's own calls as a user share
        Impersonation impersonation = Impersonation.of(identity);
        List<AsciiString> pairs = new ArrayList<>();
        add(pairs, USER, impersonation.username());
        impersonation.groups().forEach(group -> add(pairs, GROUP, group));
        impersonation.extras().forEach((key, value) -> add(pairs, new AsciiString(ImpersonationHeaders.extraHeader(key)), value));
        this.headers = pairs.toArray(AsciiString[]::new);
    }

    private static void add(List<AsciiString> pairs, AsciiString name, String value) {
        pairs.add(name);
        pairs.add(new AsciiString(value));
    }

    /** The encoding of {@code identity}'s headers, made once per identity while it stays in use. */
    static EncodedImpersonation of(TokenIdentity identity) {
        int slot = System.identityHashCode(identity) & (RECENT.length() - 1);
        EncodedImpersonation known = RECENT.get(slot);
        if (known != null && known.identity == identity) {
            return known;
        }
        EncodedImpersonation made = new EncodedImpersonation(identity);
        RECENT.set(slot, made);
        return made;
    }

    /**
     * Adds the impersonation headers to {@code out}, which holds none yet: {@link ImpersonationHeaders#copy}
     * has dropped every client-sent {@code Impersonate-*} header before this runs.
     */
    void addTo(MultiMap out) {
        for (int i = 0; i < headers.length; i += 2) {
            out.add(headers[i], headers[i + 1]);
        }
    }
}
