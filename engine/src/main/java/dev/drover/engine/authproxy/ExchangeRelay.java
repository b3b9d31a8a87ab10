package dev.drover.engine.authproxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.SocketException;

/**
 * Hands each event of an upstream connection, or of an HTTP/2 stream, to its current exchange (kept in the
 * channel's {@link #EXCHANGE} attribute); a pooled connection has none, and bytes arriving on it close it.
 */
final class ExchangeRelay extends ChannelInboundHandlerAdapter {

    static final AttributeKey<UpstreamConnections.Exchange> EXCHANGE = AttributeKey.valueOf("drover.authproxy.exchange");

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        UpstreamConnections.Exchange exchange = ctx.channel().attr(EXCHANGE).get();
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
        UpstreamConnections.Exchange exchange = ctx.channel().attr(EXCHANGE).get();
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
        UpstreamConnections.Exchange exchange = ctx.channel().attr(EXCHANGE).getAndSet(null);
        if (exchange != null) {
            exchange.lost(new SocketException("the API server closed the connection"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        UpstreamConnections.Exchange exchange = ctx.channel().attr(EXCHANGE).getAndSet(null);
        ctx.close();
        if (exchange != null) {
            exchange.lost(cause);
        }
    }
}
