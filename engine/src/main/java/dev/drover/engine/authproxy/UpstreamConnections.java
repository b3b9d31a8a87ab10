package dev.drover.engine.authproxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * One upstream's keep-alive HTTP/1.1 connections for ordinary (non-upgrade) requests, driven by Netty
 * directly: a pool per event loop, each connection created, used and pooled by one loop only.
 *
 * <p>Why not Vert.x's HTTP client (used before): per request it copied every header into a new Netty header
 * map, validated each twice, completed several futures and queued each part of the answer through its own
 * inbound queue. The upstream leg cost more than the whole listener side, TLS and authentication included
 * (BENCHMARKS.md, Auth proxy, "Third look"). Here the request's headers are built once, in the map Netty
 * encodes, and each part of the answer is handed straight to its {@link Exchange}. Thread-safe.
 */
final class UpstreamConnections implements AutoCloseable {

    /** What the current user of a connection is told, always on the connection's event loop. */
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
    private static final AttributeKey<Exchange> EXCHANGE = AttributeKey.valueOf("drover.authproxy.exchange");

    private final SslContext tls;
    private final String host;
    private final int port;
    private final Supplier<Future<SocketAddress>> dialAt;
    private final int connectTimeoutMillis;
    private final long idleTimeoutMillis;
    private final Map<EventLoop, ArrayDeque<Channel>> idleByLoop = new ConcurrentHashMap<>();
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
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
    }

    /**
     * Hands {@code exchange} a connection on {@code context}'s event loop: an idle one at once, else a new one
     * once connected and its TLS handshake done. Call on that loop. {@code then} gets the connection, or the
     * failure to make one, on the loop.
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
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc(), host, port));
                        }
                        channel.pipeline().addLast(new HttpClientCodec(new HttpDecoderConfig().setMaxHeaderSize(MAX_HEAD_BYTES)
                                .setMaxChunkSize(64 * 1024), false, false));
                        channel.pipeline().addLast(new IdleStateHandler(0, 0, idleTimeoutMillis, TimeUnit.MILLISECONDS));
                        channel.pipeline().addLast(new Relay());
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
            SslHandler handshake = channel.pipeline().get(SslHandler.class);
            if (handshake == null) {
                channel.attr(EXCHANGE).set(exchange);
                then.accept(channel, null);
                return;
            }
            handshake.handshakeFuture().addListener(done -> {
                if (done.isSuccess()) {
                    channel.attr(EXCHANGE).set(exchange);
                    then.accept(channel, null);
                } else {
                    channel.close();
                    then.accept(null, done.cause());
                }
            });
        });
    }

    /** Gives a connection back after a complete exchange; kept for the next request on its loop, or closed. */
    void release(Channel channel) {
        channel.attr(EXCHANGE).set(null);
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

    /** Hands each event of a connection to its current exchange; a pooled connection has none. */
    private static final class Relay extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            Exchange exchange = ctx.channel().attr(EXCHANGE).get();
            if (exchange == null) {
                // bytes on an idle connection answer nothing we asked: the connection cannot be trusted any more
                ReferenceCountUtil.release(message);
                ctx.close();
                return;
            }
            if (message instanceof HttpResponse head) {
                exchange.head(head);
            }
            if (message instanceof HttpContent part) {
                exchange.content(part);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            Exchange exchange = ctx.channel().attr(EXCHANGE).get();
            if (exchange != null && ctx.channel().isWritable()) {
                exchange.writable();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                ctx.close();
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Exchange exchange = ctx.channel().attr(EXCHANGE).getAndSet(null);
            if (exchange != null) {
                exchange.lost(new SocketException("the API server closed the connection"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Exchange exchange = ctx.channel().attr(EXCHANGE).getAndSet(null);
            ctx.close();
            if (exchange != null) {
                exchange.lost(cause);
            }
        }
    }
}
