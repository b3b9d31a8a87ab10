package dev.drover.server.api;

import dev.drover.engine.api.ApiException;
import dev.drover.engine.auth.AuthenticationException;
import dev.drover.engine.auth.ForbiddenException;
import dev.drover.engine.auth.TokenIdentity;
import dev.drover.engine.auth.TokenService;
import io.vertx.core.MultiMap;

/**
 * Who sent a request: the bearer token checked against the token store. Blocking (store I/O): call it
 * on a virtual thread. Thread-safe.
 */
final class Caller {

    private final TokenService tokens;

    Caller(TokenService tokens) {
        this.tokens = tokens;
    }

    /** The caller, or UNAUTHENTICATED (no, unknown, expired, revoked token) / FORBIDDEN (a cluster-scoped token). */
    TokenIdentity authenticate(MultiMap headers) {
        String authorization = headers.get("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(ApiException.Reason.UNAUTHENTICATED, "Log in first: every call needs an Authorization: Bearer token.");
        }
        try {
            return tokens.authenticate(authorization.substring(7).strip(), null);
        } catch (AuthenticationException e) {
            throw new ApiException(ApiException.Reason.UNAUTHENTICATED, e.getMessage() + " Log in again.");
        } catch (ForbiddenException e) {
            throw new ApiException(ApiException.Reason.FORBIDDEN, e.getMessage());
        }
    }

    /** As {@link #authenticate}, and the caller must be an administrator: changes are theirs alone for now. */
    TokenIdentity administrator(MultiMap headers) {
        TokenIdentity identity = authenticate(headers);
        if (!identity.admin()) {
            throw new ApiException(ApiException.Reason.FORBIDDEN, "User " + identity.username()
                    + " may look but not change: only administrators create, import or delete clusters.");
        }
        return identity;
    }
}
