package dev.drover.server;

import dev.drover.engine.tunnel.ClusterImports;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.regex.Matcher;

/** {@code GET /v3/import/<token>.yaml}: the import manifest, or 404 for an unknown token. */
final class ImportRoute {

    private final Vertx vertx;
    private final ClusterImports imports;

    ImportRoute(Vertx vertx, ClusterImports imports) {
        this.vertx = vertx;
        this.imports = imports;
    }

    void handle(HttpServerRequest request, Matcher path) {
        String token = path.group(1);
        vertx.executeBlocking(() -> imports.manifest(token)).onComplete(result -> {
            if (result.failed()) {
                request.response().setStatusCode(500).end("cannot render the manifest\n");
            } else if (result.result().isEmpty()) {
                request.response().setStatusCode(404).end("unknown or revoked registration token\n");
            } else {
                request.response().putHeader("Content-Type", "application/yaml").end(result.result().get());
            }
        });
    }
}
