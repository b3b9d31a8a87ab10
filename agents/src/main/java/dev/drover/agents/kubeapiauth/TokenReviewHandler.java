package dev.drover.agents.kubeapiauth;

import dev.drover.tunnel.protocol.kubeapiauth.TokenRecord;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Optional;

/**
 * {@code POST /v1/authenticate}: a Kubernetes authentication webhook. The API server sends a TokenReview
 * ({@code authentication.k8s.io/v1}, or v1beta1) holding the bearer token it was given; the answer says
 * whether it is a live Drover token and, if so, the user and groups it speaks for. Tokens that are not
 * Drover's are simply not authenticated, so the API server's other authenticators may still accept them.
 */
final class TokenReviewHandler implements Handler<HttpServerRequest> {

    static final String PATH = "/v1/authenticate";
    private static final int MAX_BODY = 64 * 1024;

    private final TokenRecordFile records;
    private final Clock clock;

    TokenReviewHandler(TokenRecordFile records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    @Override
    public void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST || !request.path().equals(PATH)) {
            request.response().setStatusCode(404).end();
            return;
        }
        if (tooLarge(request.getHeader("Content-Length"))) {
            request.response().setStatusCode(413).putHeader("Connection", "close").end();
            return;
        }
        Vertx vertx = Vertx.currentContext().owner();
        request.body().onSuccess(body -> {
            JsonObject review;
            try {
                review = body.toJsonObject();
            } catch (DecodeException e) {
                request.response().setStatusCode(400).end("not a TokenReview\n");
                return;
            }
            String token = review.getJsonObject("spec", new JsonObject()).getString("token", "");
            String apiVersion = review.getString("apiVersion", "authentication.k8s.io/v1");
            // the check may read the file: off the event loop
            vertx.executeBlocking(() -> records.records().verify(token, clock.instant()), false)
                    .onSuccess(found -> answer(request, apiVersion, found))
                    .onFailure(e -> answer(request, apiVersion, Optional.empty()));
        });
    }

    private static boolean tooLarge(String contentLength) {
        try {
            return contentLength != null && Long.parseLong(contentLength.strip()) > MAX_BODY;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void answer(HttpServerRequest request, String apiVersion, Optional<TokenRecord> found) {
        JsonObject status = new JsonObject().put("authenticated", found.isPresent());
        found.ifPresentOrElse(record -> status.put("user", new JsonObject().put("username", record.username())
                        .put("groups", new JsonArray(new ArrayList<>(record.groups())))
                        .put("extra", new JsonObject().put("drover.dev/token-id", new JsonArray().add(record.id())))),
                () -> status.put("error", "not a valid Drover token"));
        JsonObject answer = new JsonObject().put("apiVersion", apiVersion).put("kind", "TokenReview").put("status", status);
        request.response().putHeader("Content-Type", "application/json").end(answer.encode());
    }
}
