package dev.drover.engine.authproxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * An upstream's HTTP/2 connections (when its TLS handshake picked {@code h2}): per event loop, as few
 * connections as the server's stream limit allows, each request a stream of its own.
 *
 * <p>Why: with 64 clients in flight, HTTP/1.1 needs 64 upstream connections, and each request costs a TLS
 * record, a write and a read on each side of the upstream leg. On one HTTP/2 connection the requests a loop
 * forwards in one turn leave in one flush (one TLS record, one write), and the API server answers them
 * together the same way: kube-apiserver, like Go's proxies (Rancher's included), speaks HTTP/2 for this.
 * A stream looks like an HTTP/1.1 connection to the forwarder ({@link Http2StreamFrameToHttpObjectCodec}).
 */
final class MultiplexedConnections {

    /** Unread answer bytes a stream may have in flight: bounds what a paused watch holds in memory. */
    static final int STREAM_WINDOW = 1024 * 1024;
    /**
     * The connection's own window is large (as Go's client's) so that streams whose clients stopped reading,
     * each bounded by {@link #STREAM_WINDOW}, never stall the others.
     */
    private static final int CONNECTION_WINDOW = 1 << 30;
    /** A loop's requests of one turn leave together; more than this many flushes go out at once anyway. */
    private static final int FLUSH_AFTER = 256;

    /** Client stream ids are odd and end at 2^31 - 1: a connection this close to the end takes no new stream. */
    private static final int LAST_STREAM_ID = Integer.MAX_VALUE - 2 * 1024;

    /** Each loop's connections with their codecs, so that picking one per request looks nothing up. */
    private final Map<EventLoop, List<Multiplexed>> byLoop = new ConcurrentHashMap<>();
    private final int maxHeadBytes;
    private final long settingsTimeoutMillis;

    /**
     * @param settingsTimeoutMillis a server that sends no settings this long after the handshake is given up on
     */
    MultiplexedConnections(int maxHeadBytes, long settingsTimeoutMillis) {
        this.maxHeadBytes = maxHeadBytes;
        this.settingsTimeoutMillis = settingsTimeoutMillis;
    }

    /**
     * Turns a connection whose handshake picked {@code h2} into a multiplexed one of its loop; {@code ready} is
     * completed once the server's first settings arrived, so that no stream is opened past its stream limit. On
     * the loop.
     */
    void adopt(Channel connection, ChannelPipeline pipeline, ChannelPromise ready) {
        Http2FrameCodec codec = Http2FrameCodecBuilder.forClient()
                .initialSettings(Http2Settings.defaultSettings().pushEnabled(false).initialWindowSize(STREAM_WINDOW)
                        .maxHeaderListSize(maxHeadBytes))
                .build();
        // ahead of the codec so that every frame written in one turn of the loop goes out in one TLS record
        pipeline.addLast(new FlushConsolidationHandler(FLUSH_AFTER, true), codec,
                new Http2MultiplexHandler(new RefusePushes()), new CloseWhenIdle(ready));
        try {
            codec.connection().local().flowController().incrementWindowSize(codec.connection().connectionStream(),
                    CONNECTION_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE);
        } catch (Http2Exception e) {
            connection.close();
            return;
        }
        ScheduledFuture<?> timeout = connection.eventLoop().schedule(() -> ready.tryFailure(new SocketTimeoutException(
                "the API server sent no HTTP/2 settings within " + settingsTimeoutMillis + " ms")), settingsTimeoutMillis, TimeUnit.MILLISECONDS);
        ready.addListener(settled -> {
            timeout.cancel(false);
            if (settled.isSuccess()) {
                List<Multiplexed> connections = byLoop.computeIfAbsent(connection.eventLoop(), loop -> new ArrayList<>());
                Multiplexed added = new Multiplexed(connection, codec);
                connections.add(added);
                connection.closeFuture().addListener(closed -> connection.eventLoop().execute(() -> connections.remove(added)));
            }
        });
    }

    /** A connection of {@code loop} that takes another stream now, or {@code null}. On the loop. */
    Channel available(EventLoop loop) {
        List<Multiplexed> connections = byLoop.get(loop);
        if (connections == null) {
            return null;
        }
        for (Multiplexed multiplexed : connections) {
            Channel connection = multiplexed.channel();
            if (!connection.isActive() || multiplexed.codec().connection().goAwayReceived()) {
                continue;
            }
            Http2Connection.Endpoint<?> local = multiplexed.codec().connection().local();
            if (local.lastStreamCreated() >= LAST_STREAM_ID) {
                if (local.numActiveStreams() == 0) {
                    connection.close(); // used up: a new connection takes over
                }
            } else if (local.canOpenStream()) {
                return connection;
            }
        }
        return null;
    }

    /**
     * Opens a stream on {@code connection} for one exchange; {@code then} gets the stream, set up like an HTTP/1.1
     * connection whose events go to {@code relay}, or the failure. On the loop.
     */
    void openStream(Channel connection, Supplier<ChannelHandler> relay, BiConsumer<Channel, Throwable> then) {
        new Http2StreamChannelBootstrap(connection).handler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), new DropStreamIdHeader(), relay.get());
            }
        }).open().addListener(opened -> {
            if (opened.isSuccess()) {
                then.accept((Channel) opened.getNow(), null);
            } else {
                then.accept(null, opened.cause());
            }
        });
    }

    static boolean isMultiplexing(Channel connection) {
        return connection.pipeline().get(Http2FrameCodec.class) != null;
    }

    static boolean isStream(Channel channel) {
        return channel instanceof Http2StreamChannel;
    }

    private record Multiplexed(Channel channel, Http2FrameCodec codec) {
    }

    /** The codec names each answer's stream in a header of its own; it is no header of the API server's. */
    private static final class DropStreamIdHeader extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof HttpResponse head) {
                head.headers().remove(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text());
            }
            ctx.fireChannelRead(message);
        }
    }

    /** Server push is turned off in the settings; a server that pushes anyway gets its streams refused. */
    private static final class RefusePushes extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRegistered(ChannelHandlerContext ctx) {
            ctx.channel().close();
        }
    }

    /**
     * Tells when the server's first settings arrived, and closes an idle connection only when no stream (a quiet
     * watch, say) still uses it.
     */
    private static final class CloseWhenIdle extends ChannelInboundHandlerAdapter {

        private final ChannelPromise ready;

        CloseWhenIdle(ChannelPromise ready) {
            this.ready = ready;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof Http2SettingsFrame) {
                ready.trySuccess();
            }
            ReferenceCountUtil.release(message);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
                if (codec == null || codec.connection().numActiveStreams() == 0) {
                    ctx.close();
                }
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }
    }
}
