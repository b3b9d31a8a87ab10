package dev.drover.engine.authproxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * One upstream's connections for ordinary (non-upgrade) requests, driven by Netty directly, each created and
 * used by one event loop only: keep-alive HTTP/1.1 connections pooled per loop or, when the API server picks
 * {@code h2} in the TLS handshake (kube-apiserver does), HTTP/2 connections with a stream per request
 * ({@link MultiplexedConnections}). While a loop's first connection is being made, the loop's other requests wait
 * for it rather than each starting a handshake of its own.
 *
 * <p>Why not Vert.x's HTTP client (used before): per request it copied every header into a new Netty header
 * map, validated each twice, completed several futures and queued each part of the answer through its own
 * inbound queue. The upstream leg cost more than the whole listener side, TLS and authentication included
 * (BENCHMARKS.md, Auth proxy, "Third look"). Here the request's headers are built once, in the map Netty
 * encodes, and each part of the answer is handed straight to its {@link Exchange}. Thread-safe.
 */
final class UpstreamConnections implements AutoCloseable {

    /** What the current user of a connection (or stream) is told, always on its event loop. */
    interface Exchange {

        void head(HttpResponse head);

        /** A part of the body; the exchange releases it. The last part is a {@code LastHttpContent}. */
        void content(HttpContent part);

        /** The connection closed or failed before the exchange was done with it. */
        void lost(Throwable cause);

        void writable();
    }

    /** Heads longer than this are refused (kube-apiserver's are a few hundred bytes). */
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Idle connections kept per event loop; more are closed when given back. */
    private static final int MAX_IDLE_PER_LOOP = 64;
    private static final String HTTP_1_1 = ApplicationProtocolNames.HTTP_1_1;
    private static final AttributeKey<Exchange> EXCHANGE = ExchangeRelay.EXCHANGE;

    private final SslContext tls;
    private final String host;
    private final int port;
    private final Supplier<Future<SocketAddress>> dialAt;
    private final int connectTimeoutMillis;
    private final long idleTimeoutMillis;
    private final Map<EventLoop, ArrayDeque<Channel>> idleByLoop = new ConcurrentHashMap<>();
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final Map<EventLoop, List<Waiter>> waitingByLoop = new ConcurrentHashMap<>();
    private final MultiplexedConnections multiplexed;
    /** What the API server's latest handshake picked ({@code h2} or {@code http/1.1}); {@code null} before the first. */
    private volatile String protocol;
    private volatile boolean closed;

    /**
     * @param tls  the upstream's TLS (trust and host check), or {@code null} for plain HTTP
     * @param host   the name the certificate is checked against and sent as SNI
     * @param dialAt where to connect instead of {@code host:port} (the tunnel's local end), or {@code null}
     */
    UpstreamConnections(SslContext tls, String host, int port, Supplier<Future<SocketAddress>> dialAt, ProxySettings settings) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.dialAt = dialAt;
        this.connectTimeoutMillis = (int) settings.connectTimeout().toMillis();
        this.idleTimeoutMillis = settings.idleTimeout().toMillis();
        this.protocol = tls == null ? HTTP_1_1 : null;
        this.multiplexed = new MultiplexedConnections(MAX_HEAD_BYTES, connectTimeoutMillis);
    }

    /**
     * Hands {@code exchange} a connection on {@code context}'s event loop: an idle one at once, else a new one
     * once connected and its TLS handshake done, or, when the API server speaks HTTP/2, a new stream on one of
     * the loop's connections. Call on that loop. {@code then} gets the connection, or the failure to make one,
     * on the loop.
     */
    void acquire(ContextInternal context, Exchange exchange, BiConsumer<Channel, Throwable> then) {
        EventLoop loop = context.nettyEventLoop();
        ArrayDeque<Channel> idle = idleByLoop.computeIfAbsent(loop, l -> new ArrayDeque<>());
        Channel pooled;
        while ((pooled = idle.pollLast()) != null) {
            if (pooled.isActive()) {
                pooled.attr(EXCHANGE).set(exchange);
                then.accept(pooled, null);
                return;
            }
        }
        if (closed) {
            then.accept(null, new IllegalStateException("The proxy's connections to this API server are closed."));
            return;
        }
        BiConsumer<Channel, Throwable> connected = then;
        if (!HTTP_1_1.equals(protocol)) {
            Channel multiplexing = multiplexed.available(loop);
            if (multiplexing != null) {
                openStream(multiplexing, exchange, then);
                return;
            }
            List<Waiter> waiting = waitingByLoop.get(loop);
            if (waiting != null) {
                // the connection being made will most likely carry this request too: no second handshake for it
                waiting.add(new Waiter(context, exchange, then));
                return;
            }
            waitingByLoop.put(loop, new ArrayList<>());
            connected = (channel, failure) -> {
                then.accept(channel, failure);
                for (Waiter waiter : waitingByLoop.remove(loop)) {
                    if (failure != null) {
                        waiter.then.accept(null, failure);
                    } else {
                        acquire(waiter.context, waiter.exchange, waiter.then);
                    }
                }
            };
        }
        connect(context, exchange, connected);
    }

    private void connect(ContextInternal context, Exchange exchange, BiConsumer<Channel, Throwable> then) {
        if (dialAt == null) {
            connect(context, InetSocketAddress.createUnresolved(host, port), exchange, then);
        } else {
            dialAt.get().onComplete(address -> {
                if (address.failed()) {
                    then.accept(null, address.cause());
                } else {
                    connect(context, InetSocketAddress.createUnresolved(address.result().host(), address.result().port()), exchange, then);
                }
            });
        }
    }

    private void connect(ContextInternal context, InetSocketAddress address, Exchange exchange, BiConsumer<Channel, Throwable> then) {
        ChannelFuture connecting = new Bootstrap().group(context.nettyEventLoop())
                .channelFactory(context.owner().transport().channelFactory(false))
                // Vert.x's resolver: Netty's default one would look names up blocking the event loop
                .resolver(context.owner().nameResolver().nettyAddressResolverGroup())
                .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (tls == null) {
                            speakHttp11(channel.pipeline());
                        } else {
                            SslHandler handshake = tls.newHandler(channel.alloc(), host, port);
                            channel.pipeline().addLast(handshake, new Negotiation(handshake, channel.newPromise()));
                        }
                    }
                })
                .connect(address);
        Channel channel = connecting.channel();
        open.add(channel);
        channel.closeFuture().addListener(f -> open.remove(channel));
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                then.accept(null, connected.cause());
                return;
            }
            Negotiation negotiation = channel.pipeline().get(Negotiation.class);
            if (negotiation == null && tls == null) {
                channel.attr(EXCHANGE).set(exchange);
                then.accept(channel, null);
                return;
            }
            (negotiation == null ? channel.newFailedFuture(new SocketException("the connection closed")) : negotiation.done).addListener(done -> {
                if (!done.isSuccess()) {
                    channel.close();
                    then.accept(null, done.cause());
                } else if (MultiplexedConnections.isMultiplexing(channel)) {
                    openStream(channel, exchange, then);
                } else {
                    channel.attr(EXCHANGE).set(exchange);
                    then.accept(channel, null);
                }
            });
        });
    }

    private void openStream(Channel multiplexing, Exchange exchange, BiConsumer<Channel, Throwable> then) {
        multiplexed.openStream(multiplexing, ExchangeRelay::new, (stream, failure) -> {
            if (stream != null) {
                stream.attr(EXCHANGE).set(exchange);
            }
            then.accept(stream, failure);
        });
    }

    private void speakHttp11(ChannelPipeline pipeline) {
        pipeline.addLast(new HttpClientCodec(new HttpDecoderConfig().setMaxHeaderSize(MAX_HEAD_BYTES)
                .setMaxChunkSize(64 * 1024), false, false));
        pipeline.addLast(new IdleStateHandler(0, 0, idleTimeoutMillis, TimeUnit.MILLISECONDS));
        pipeline.addLast(new ExchangeRelay());
    }

    /** Sets a connection up for the protocol its TLS handshake picked (ALPN); HTTP/1.1 when the server chose none. */
    private final class Negotiation extends ApplicationProtocolNegotiationHandler {

        private final ChannelPromise done;

        Negotiation(SslHandler handshake, ChannelPromise done) {
            super(HTTP_1_1);
            this.done = done;
            handshake.handshakeFuture().addListener(shaken -> {
                if (!shaken.isSuccess()) {
                    done.tryFailure(shaken.cause());
                }
            });
            done.channel().closeFuture().addListener(closed ->
                    done.tryFailure(new SocketException("the API server closed the connection during the TLS handshake")));
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String chosen) {
            protocol = chosen;
            if (ApplicationProtocolNames.HTTP_2.equals(chosen)) {
                ctx.pipeline().addLast(new IdleStateHandler(0, 0, idleTimeoutMillis, TimeUnit.MILLISECONDS));
                multiplexed.adopt(ctx.channel(), ctx.pipeline(), done);
            } else {
                speakHttp11(ctx.pipeline());
                done.trySuccess();
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            done.tryFailure(cause);
            ctx.close();
        }
    }

    /** A request waiting for the connection its loop is making. */
    private record Waiter(ContextInternal context, Exchange exchange, BiConsumer<Channel, Throwable> then) {
    }

    /** Gives a connection back after a complete exchange; kept for the next request on its loop, or closed. */
    void release(Channel channel) {
        channel.attr(EXCHANGE).set(null);
        if (MultiplexedConnections.isStream(channel)) {
            channel.close(); // the stream is done; closed already unless the answer ended before the request did
            return;
        }
        channel.config().setAutoRead(true);
        ArrayDeque<Channel> idle = idleByLoop.get(channel.eventLoop());
        if (closed || !channel.isActive() || idle == null || idle.size() >= MAX_IDLE_PER_LOOP) {
            channel.close();
            return;
        }
        idle.addLast(channel);
    }

    /** Connections open now, pooled or in use (tests). */
    int openConnections() {
        return open.size();
    }

    /** Closes every connection; exchanges in flight are told they lost theirs. Idempotent. */
    @Override
    public void close() {
        closed = true;
        open.forEach(Channel::close);
    }
}
