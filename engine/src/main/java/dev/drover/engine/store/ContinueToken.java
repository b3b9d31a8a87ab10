package dev.drover.engine.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a paged list stops: the snapshot revision and the last key returned. Opaque to callers
 * (base64url), but not secret: it reveals only names the caller was already given.
 */
public record ContinueToken(long revision, String namespace, String name) {

    private static final String VERSION = "v1";

    public String encode() {
        String raw = VERSION + "\n" + revision + "\n" + namespace + "\n" + name;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a token from a previous page; fails with {@link InvalidRequestException} if it is not one. */
    public static ContinueToken decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\n", -1);
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException("unexpected layout");
            }
            long revision = Long.parseLong(parts[1]);
            if (revision <= 0) {
                throw new IllegalArgumentException("revision out of range");
            }
            return new ContinueToken(revision, parts[2], parts[3]);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("malformed continue token: pass back the token of the previous page unchanged", e);
        }
    }
}
