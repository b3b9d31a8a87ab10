package dev.drover.engine.authproxy;

import dev.drover.engine.auth.TokenIdentity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.headers.Http1xHeaders;
import io.vertx.core.internal.ContextInternal;
import java.util.Iterator;
import java.util.Map;

/**
 * Forwards one ordinary (non-upgrade) request and streams the answer back. Bodies are never buffered:
 * each chunk of a watch is written to the client as it arrives, and back-pressure runs both ways
 * (a slow client stops reading the upstream connection, a slow upstream pauses the client's body). A request
 * body that grows past the limit is cut off with 413 and the upstream connection is closed.
 * Runs on the client connection's event loop, which also owns the upstream connection ({@link UpstreamConnections}).
 */
final class RequestForwarder {

    private final long maxBodyBytes;

    RequestForwarder(ProxySettings settings) {
        this.maxBodyBytes = settings.maxRequestBodyBytes();
    }

    /** Called on the client connection's event loop ({@code context}); the upstream connection is that loop's too. */
    void forward(HttpServerRequest request, Context context, Upstream upstream, String uri, TokenIdentity identity) {
        // Vert.x's header map is also a Netty one: built once here, encoded as is
        Http1xHeaders headers = Http1xHeaders.httpHeaders();
        ImpersonationHeaders.copy(request.headers(), identity, upstream.authorization(), false, headers);
        headers.set(HttpHeaderNames.HOST, upstream.authority());
        String length = request.getHeader("Content-Length");
        boolean bodyless = false;
        if (length != null) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
        } else if (request.headers().contains("Transfer-Encoding", "chunked", true)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        } else {
            bodyless = true; // HTTP/1.1: neither header, no body
        }
        HttpMethod method = HttpMethod.valueOf(request.method().name());
        String target = upstream.basePath() + uri;
        // a request without a body is written whole at once: over HTTP/2 one HEADERS frame that also ends the stream
        Exchange exchange = new Exchange(request, (ContextInternal) context, upstream, bodyless
                ? new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, target, Unpooled.EMPTY_BUFFER, headers, EmptyHttpHeaders.INSTANCE)
                : new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, target, headers));
        upstream.connections().acquire((ContextInternal) context, exchange, exchange::start);
    }

    /** One request and its answer on one upstream connection. Every method runs on the event loop. */
    private final class Exchange implements UpstreamConnections.Exchange {

        private final HttpServerRequest request;
        private final HttpServerResponse response;
        private final ContextInternal context;
        private final Upstream upstream;
        private final HttpRequest head;
        private Channel channel;
        private long received;
        private boolean requestSent;
        private boolean answered;
        private boolean keepAlive;
        private boolean done;

        Exchange(HttpServerRequest request, ContextInternal context, Upstream upstream, HttpRequest head) {
            this.request = request;
            this.response = request.response();
            this.context = context;
            this.upstream = upstream;
            this.head = head;
        }

        void start(Channel connection, Throwable failure) {
            context.dispatch(v -> {
                if (failure != null) {
                    done = true;
                    AuthProxy.fail(request, upstream.clusterId(), failure);
                    return;
                }
                channel = connection;
                // a client that goes away (kubectl ^C on a watch) ends the upstream exchange too; the connection cannot be reused
                response.closeHandler(closed -> abandon());
                if (head instanceof FullHttpRequest) {
                    requestSent = true;
                    channel.writeAndFlush(head, channel.voidPromise());
                    request.resume();
                    return;
                }
                // the head waits for the body's first part or its end: one TLS record and write for a small body
                channel.write(head, channel.voidPromise());
                request.handler(this::sendBody);
                request.endHandler(end -> {
                    if (!done) {
                        requestSent = true;
                        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, channel.voidPromise());
                    }
                });
                request.exceptionHandler(e -> abandon());
                request.resume();
            });
        }

        private void sendBody(Buffer chunk) {
            if (done) {
                return;
            }
            received += chunk.length();
            if (received > maxBodyBytes) {
                request.handler(null);
                done = true;
                KubeStatus.send(request, 413, "Request body is larger than the proxy's limit of " + maxBodyBytes + " bytes.", true);
                channel.close();
                return;
            }
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk.getBytes())), channel.voidPromise());
            if (!channel.isWritable()) {
                request.pause();
            }
        }

        @Override
        public void writable() {
            context.dispatch(v -> request.resume());
        }

        @Override
        public void head(HttpResponse answer) {
            context.dispatch(v -> {
                if (done || response.closed()) {
                    return;
                }
                answered = true;
                keepAlive = HttpUtil.isKeepAlive(answer);
                int status = answer.status().code();
                response.setStatusCode(status);
                if (!answer.status().reasonPhrase().equals(HttpResponseStatus.valueOf(status).reasonPhrase())) {
                    // only an unusual reason phrase: setting one makes a new status object (and its bytes) per response
                    response.setStatusMessage(answer.status().reasonPhrase());
                }
                MultiMap headers = response.headers();
                boolean bounded = false;
                for (Iterator<Map.Entry<CharSequence, CharSequence>> it = answer.headers().iteratorCharSequence(); it.hasNext(); ) {
                    Map.Entry<CharSequence, CharSequence> header = it.next();
                    String name = header.getKey().toString();
                    if (!ImpersonationHeaders.isHopByHop(name)) {
                        headers.add(name, header.getValue());
                        bounded |= name.equalsIgnoreCase("Content-Length");
                    }
                }
                boolean bodyless = head.method() == HttpMethod.HEAD || status == 204 || status == 304;
                if (!bodyless && !bounded) {
                    response.setChunked(true);
                    // the head goes out now: a watch's client waits for it before any event exists
                    response.writeHead();
                } // else the body is bounded and its head leaves with its first bytes: one TLS record and write, not two
            });
        }

        @Override
        public void content(HttpContent part) {
            try {
                ByteBuf bytes = part.content();
                boolean last = part instanceof LastHttpContent;
                Buffer chunk = bytes.isReadable() ? Buffer.buffer(ByteBufUtil.getBytes(bytes)) : null;
                context.dispatch(v -> relay(chunk, last));
            } finally {
                part.release();
            }
        }

        private void relay(Buffer chunk, boolean last) {
            if (done) {
                return;
            }
            if (response.closed()) {
                abandon(); // the client left; nobody reads the rest
                return;
            }
            if (last) {
                done = true;
                if (chunk != null) {
                    response.end(chunk);
                } else {
                    response.end();
                }
                // reused only when both directions finished cleanly; an answer that came before the whole body was sent is not
                if (requestSent && keepAlive && channel.isActive()) {
                    upstream.connections().release(channel);
                } else {
                    channel.close();
                }
                return;
            }
            if (chunk != null) {
                response.write(chunk);
            }
            if (response.writeQueueFull()) {
                channel.config().setAutoRead(false);
                response.drainHandler(drained -> channel.config().setAutoRead(true));
            }
        }

        @Override
        public void lost(Throwable cause) {
            context.dispatch(v -> {
                if (done) {
                    return;
                }
                done = true;
                if (!answered) {
                    if (!response.closed()) {
                        AuthProxy.fail(request, upstream.clusterId(), cause);
                    }
                } else if (!response.ended() && !response.closed()) {
                    // the API server failed mid-body: a reset, so the client cannot take a cut body for a whole one
                    response.reset();
                }
            });
        }

        private void abandon() {
            if (!done) {
                done = true;
                channel.close();
            }
        }
    }
}
