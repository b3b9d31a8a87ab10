package dev.drover.engine.authproxy;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** An upstream exchange for tests: collects the answer's head and its status and body as text. */
final class CollectingExchange implements UpstreamConnections.Exchange {

    final CompletableFuture<HttpResponse> head = new CompletableFuture<>();
    final CompletableFuture<String> body = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    Runnable onLast = () -> { };

    @Override
    public void head(HttpResponse answer) {
        text.append(answer.status().code()).append(' ');
        head.complete(answer);
    }

    @Override
    public void content(HttpContent part) {
        text.append(part.content().toString(StandardCharsets.UTF_8));
        boolean last = part instanceof LastHttpContent;
        part.release();
        if (last) {
            onLast.run();
            body.complete(text.toString());
        }
    }

    @Override
    public void lost(Throwable cause) {
        body.completeExceptionally(cause);
    }

    @Override
    public void writable() {
    }
}
