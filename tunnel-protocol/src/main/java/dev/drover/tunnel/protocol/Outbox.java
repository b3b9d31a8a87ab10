package dev.drover.tunnel.protocol;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link TunnelStream}'s writes that wait for credit or for their turn, oldest first; the head may be
 * partly sent. Writes come in two kinds: a caller's {@code Buffer} (a view: the transport copies what it
 * sends) and a socket's own read buffer handed over by {@link StreamPipes} ("owned": the transport may
 * keep slices of it until they are written, and this outbox releases it once every byte has gone out or
 * the stream failed). Event loop only.
 */
final class Outbox {

    private record Pending(ByteBuf data, boolean owned, Promise<Void> written) {
    }

    private static final LongAdder OWNED_HELD = new LongAdder();

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private int headOffset;

    /** Queues {@code data}'s readable bytes; {@code written} (may be null) completes once they are all sent. */
    void add(ByteBuf data, boolean owned, Promise<Void> written) {
        pending.add(new Pending(data, owned, written));
        if (owned) {
            OWNED_HELD.increment();
        }
    }

    /** Owned buffers queued in any outbox and not yet released: zero whenever the tunnels are idle (a leak check). */
    static long ownedBuffersHeld() {
        return OWNED_HELD.sum();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** The head write's buffer; its unsent bytes start {@link #headOffset()} after its reader index. */
    ByteBuf head() {
        return pending.element().data();
    }

    int headOffset() {
        return headOffset;
    }

    int headRemaining() {
        return pending.element().data().readableBytes() - headOffset;
    }

    /** Whether the transport may keep slices of the head instead of copying them. */
    boolean headOwned() {
        return pending.element().owned();
    }

    /** {@code length} more bytes of the head went out; a finished head leaves, released if owned. */
    void advance(int length) {
        headOffset += length;
        Pending head = pending.element();
        if (headOffset == head.data().readableBytes()) {
            pending.remove();
            headOffset = 0;
            if (head.owned()) {
                release(head.data());
            }
            if (head.written() != null) {
                head.written().tryComplete();
            }
        }
    }

    /** Drops everything queued: owned buffers are released, waiting writes fail with {@code cause}. */
    void fail(Throwable cause) {
        Pending next;
        while ((next = pending.poll()) != null) {
            if (next.owned()) {
                release(next.data());
            }
            if (next.written() != null) {
                next.written().tryFail(cause);
            }
        }
        headOffset = 0;
    }

    private static void release(ByteBuf data) {
        data.release();
        OWNED_HELD.decrement();
    }
}
