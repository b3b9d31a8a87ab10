package dev.drover.tunnel.protocol.eventloop;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoRegistration;

/** Netty's NIO handler, telling its {@link PollingSelectStrategy} how many I/O events each round handled. */
final class PollingIoHandler implements IoHandler {
    private final IoHandler nio;
    private final PollingSelectStrategy strategy;

    PollingIoHandler(IoHandler nio, PollingSelectStrategy strategy) {
        this.nio = nio;
        this.strategy = strategy;
    }

    @Override
    public int run(IoHandlerContext context) {
        int ioEvents = nio.run(context);
        strategy.ran(ioEvents);
        return ioEvents;
    }

    @Override
    public void initialize() {
        nio.initialize();
    }

    @Override
    public void prepareToDestroy() {
        nio.prepareToDestroy();
    }

    @Override
    public void destroy() {
        nio.destroy();
    }

    @Override
    public IoRegistration register(IoHandle handle) throws Exception {
        return nio.register(handle);
    }

    @Override
    public void wakeup() {
        nio.wakeup();
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
        return nio.isCompatible(handleType);
    }
}
