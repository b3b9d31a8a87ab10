package dev.drover.tunnel.protocol.eventloop;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.concurrent.ThreadAwareExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TcpConfig;
import io.vertx.core.transport.Transport;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Vert.x's NIO transport whose event loops poll for up to {@code maxPoll} before they sleep (see
 * {@link PollWindow}). Measured on the auth proxy at concurrency 1 (BENCHMARKS.md): a request's answer from
 * the API server arrives ~40 µs after it was sent, and catching it by polling instead of a sleep and a wake-up
 * takes a third off the proxy's latency. The price is CPU while traffic flows: at most {@code maxPoll} of
 * spinning per sleep, and none once the loop has been idle for a few sleeps. A zero {@code maxPoll} is plain NIO.
 */
public final class PollingTransport implements Transport {
    /** What the server and the agents use unless told otherwise. */
    public static final Duration DEFAULT_MAX_POLL = Duration.ofNanos(100_000);
    /** The longest poll the server's and the agents' settings accept, in microseconds. */
    public static final int MAX_POLL_MICROS = 10_000;

    private final Duration maxPoll;
    private final LongAdder caught = new LongAdder();
    private final io.vertx.core.spi.transport.Transport nio = Transport.NIO.implementation();

    public PollingTransport(Duration maxPoll) {
        new PollWindow(maxPoll); // checks it
        this.maxPoll = maxPoll;
    }

    /** A Vert.x whose event loops poll for up to {@code maxPoll} before they sleep. */
    public static Vertx vertx(Duration maxPoll) {
        return Vertx.builder().withTransport(new PollingTransport(maxPoll)).build();
    }

    /** How many times a loop found new I/O while polling, i.e. the sleeps and wake-ups it saved. */
    public long wakeUpsSaved() {
        return caught.sum();
    }

    private static BooleanSupplier tasksOf(ThreadAwareExecutor executor) {
        if (executor instanceof SingleThreadEventExecutor loop) {
            return () -> loop.pendingTasks() > 0;
        }
        return () -> false;
    }

    @Override
    public String name() {
        return "nio-polling";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Throwable unavailabilityCause() {
        return null;
    }

    @Override
    public io.vertx.core.spi.transport.Transport implementation() {
        return new Implementation();
    }

    /** NIO's own implementation in everything but how its loops wait. */
    private final class Implementation implements io.vertx.core.spi.transport.Transport {
        @Override
        public IoHandlerFactory ioHandlerFactory() {
            if (maxPoll.isZero()) {
                return nio.ioHandlerFactory();
            }
            return executor -> {
                PollingSelectStrategy strategy = new PollingSelectStrategy(new PollWindow(maxPoll), caught, tasksOf(executor));
                return new PollingIoHandler(NioIoHandler.newFactory(SelectorProvider.provider(), () -> strategy).newHandler(executor), strategy);
            };
        }

        @Override
        public boolean supportsDomainSockets() {
            return nio.supportsDomainSockets();
        }

        @Override
        public boolean supportFileRegion() {
            return nio.supportFileRegion();
        }

        @Override
        public java.net.SocketAddress convert(SocketAddress address) {
            return nio.convert(address);
        }

        @Override
        public SocketAddress convert(java.net.SocketAddress address) {
            return nio.convert(address);
        }

        @Override
        public DatagramChannel datagramChannel(InternetProtocolFamily family) {
            return nio.datagramChannel(family);
        }

        @Override
        public ChannelFactory<? extends DatagramChannel> datagramChannelFactory() {
            return nio.datagramChannelFactory();
        }

        @Override
        public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
            return nio.channelFactory(domainSocket);
        }

        @Override
        public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
            return nio.serverChannelFactory(domainSocket);
        }

        @Override
        public void configure(DatagramChannel channel, DatagramSocketOptions options) {
            nio.configure(channel, options);
        }

        @Override
        public void configure(TcpConfig options, boolean domainSocket, Bootstrap bootstrap) {
            nio.configure(options, domainSocket, bootstrap);
        }

        @Override
        public void configure(TcpConfig options, boolean domainSocket, ServerBootstrap bootstrap) {
            nio.configure(options, domainSocket, bootstrap);
        }
    }
}
