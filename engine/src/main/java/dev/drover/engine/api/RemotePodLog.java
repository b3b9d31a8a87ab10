package dev.drover.engine.api;

import dev.drover.engine.api.wire.PodLogMessage;
import dev.drover.engine.api.wire.WireJson;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One pod log streamed over a WebSocket of {@link PodLogMessage}s. Not resumed after a dropped connection
 * (a log has no resume point; the listener hears {@code onEnd} with UNAVAILABLE and may follow again with a
 * tail). Closing it closes the socket, and the server then closes the downstream stream.
 */
final class RemotePodLog implements Subscription {

    private final LogListener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile WebSocket socket;

    private RemotePodLog(LogListener listener) {
        this.listener = listener;
    }

    /** Opens the stream; a refusal before any line (unknown cluster or pod, forbidden) is thrown here. */
    static RemotePodLog open(RemoteHttp http, String path, LogListener listener) {
        RemotePodLog log = new RemotePodLog(listener);
        log.socket = RemoteWorkloads.await(http.webSocket(path, log.new Frames()));
        return log;
    }

    private final class Frames implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                handle(frame);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            end(new ApiException(ApiException.Reason.UNAVAILABLE, "The log stream was closed by the server before it ended."));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end(new ApiException(ApiException.Reason.UNAVAILABLE, "The log stream broke off: " + PinnedTls.describe(error)));
        }
    }

    private void handle(String frame) {
        if (ended.get()) {
            return;
        }
        PodLogMessage message;
        try {
            message = WireJson.decode(frame, PodLogMessage.class);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (PodLogMessage.END.equals(message.type())) {
            end(message.status() == null ? null : message.status().toException());
        } else if (message.lines() != null) {
            message.lines().forEach(listener::onLine);
        }
    }

    private void end(ApiException failure) {
        if (ended.compareAndSet(false, true)) {
            listener.onEnd(failure);
            WebSocket open = socket;
            if (open != null) {
                open.abort();
            }
        }
    }

    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            WebSocket open = socket;
            if (open != null) {
                open.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((ws, e) -> open.abort());
            }
        }
    }
}
