package dev.drover.tunnel.protocol;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One Vert.x for all the tests of a class ({@code @RegisterExtension static final SharedVertx VERTX}), closed after them. */
final class SharedVertx implements BeforeAllCallback, AfterAllCallback {
    private Vertx vertx;

    Vertx get() {
        return vertx;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        vertx = Vertx.vertx();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        vertx.close().await();
    }
}
