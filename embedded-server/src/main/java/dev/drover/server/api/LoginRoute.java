package dev.drover.server.api;

import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.wire.LoginRequest;
import dev.drover.engine.api.wire.LoginResponse;
import dev.drover.engine.auth.AuthenticationException;
import dev.drover.engine.auth.IssuedToken;
import dev.drover.engine.auth.Logins;
import dev.drover.engine.auth.TokenRequest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /v3/login}: a user name and password for the local users or a configured provider (LDAP)
 * in, a console token ({@link TokenRequest#LOGIN}: 16 h, 2 h idle) out. Password hashing is deliberately
 * slow and memory-hungry, so only a few logins run at once; the rest wait briefly, then get 503.
 */
final class LoginRoute {

    static final int CONCURRENT_LOGINS = 4;

    private final Logins logins;
    private final Executor blocking;
    private final Semaphore permits = new Semaphore(CONCURRENT_LOGINS, true);

    LoginRoute(Logins logins, Executor blocking) {
        this.logins = logins;
        this.blocking = blocking;
    }

    void handle(HttpServerRequest request) {
        Context context = Vertx.currentContext();
        Bodies.json(request, LoginRequest.class).onComplete(body -> blocking.execute(() -> {
            try {
                if (body.failed()) {
                    throw body.cause() instanceof RuntimeException e ? e : new IllegalStateException(body.cause());
                }
                Replies.json(context, request.response(), 200, login(body.result()));
            } catch (RuntimeException e) {
                Replies.failure(context, request.response(), e);
            }
        }));
    }

    private LoginResponse login(LoginRequest login) {
        if (login.username() == null || login.password() == null) {
            throw new ApiException(ApiException.Reason.INVALID, "username and password are required.");
        }
        char[] password = login.password().toCharArray();
        try {
            if (!permits.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new ApiException(ApiException.Reason.UNAVAILABLE, "Too many logins at once; try again in a moment.");
            }
            try {
                IssuedToken token = logins.login(login.provider() == null || login.provider().isBlank() ? "local" : login.provider(),
                        login.username(), password, TokenRequest.LOGIN);
                return new LoginResponse(token.value(), login.username().strip().toLowerCase(java.util.Locale.ROOT),
                        token.expiresAt() == null ? null : token.expiresAt().toString());
            } finally {
                permits.release();
            }
        } catch (AuthenticationException e) {
            throw new ApiException(ApiException.Reason.UNAUTHENTICATED, e.getMessage());
        } catch (IllegalStateException e) {
            // an external provider that cannot be reached or rejects its own service account
            throw new ApiException(ApiException.Reason.UNAVAILABLE, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "The server is shutting down.");
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
