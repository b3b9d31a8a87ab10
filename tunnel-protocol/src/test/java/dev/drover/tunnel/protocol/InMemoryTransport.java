package dev.drover.tunnel.protocol;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Half of an in-memory transport pair: frames hop to the peer's event loop, with a bounded queue. */
final class InMemoryTransport implements FrameTransport {

    private static final long HIGH = 256 * 1024;
    private static final long LOW = 64 * 1024;

    final Context context;
    volatile Session session;
    volatile InMemoryTransport peer;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicBoolean full = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable drain = () -> { };
    volatile boolean blackHole;

    InMemoryTransport(Context context) {
        this.context = context;
    }

    @Override
    public void send(Buffer frame) {
        if (closed.get() || blackHole) {
            return;
        }
        int length = frame.length();
        if (inFlight.addAndGet(length) > HIGH) {
            full.set(true);
        }
        InMemoryTransport to = peer;
        to.context.runOnContext(v -> {
            if (!to.closed.get()) {
                to.session.receive(frame);
            }
            if (inFlight.addAndGet(-length) < LOW && full.compareAndSet(true, false)) {
                context.runOnContext(d -> drain.run());
            }
        });
    }

    @Override
    public boolean writeQueueFull() {
        return full.get();
    }

    @Override
    public void drainHandler(Runnable handler) {
        this.drain = handler;
    }

    @Override
    public void close(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            session.transportClosed("closed locally (" + code + ")");
            InMemoryTransport to = peer;
            to.context.runOnContext(v -> {
                to.closed.set(true);
                to.session.transportClosed("connection closed (" + code + ": " + reason + ")");
            });
        }
    }
}
