package dev.drover.tunnel.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A {@link TunnelStream}'s received bytes not yet handed to its reader, oldest first. Two kinds, as in
 * {@link Outbox}: a {@code Buffer} the session decoded (nobody to release), and a payload slice taken
 * straight off the WebSocket by {@link InboundFrames} ("owned": a retained slice of Netty's decoded frame
 * that this inbox releases unless it hands it on to a reader that takes it over). Event loop only.
 */
final class Inbox {

    private static final LongAdder OWNED_HELD = new LongAdder();

    private final ArrayDeque<Object> items = new ArrayDeque<>();

    void add(Buffer data) {
        items.add(data);
    }

    void addOwned(ByteBuf data) {
        items.add(data);
        OWNED_HELD.increment();
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    int bufferedBytes() {
        return items.stream().mapToInt(Inbox::length).sum();
    }

    /** Owned payloads held in any inbox: zero whenever the tunnels are idle (a leak check). */
    static long ownedBuffersHeld() {
        return OWNED_HELD.sum();
    }

    /**
     * Hands the oldest item to the reader and returns its length. An owned payload goes to {@code ownedReader}
     * when there is one (which then releases it, e.g. a socket once the bytes are written); otherwise the
     * reader gets a heap copy and the payload is released here, since a {@code Buffer} reader may keep what
     * it is given for as long as it likes.
     */
    int deliverOne(Handler<Buffer> reader, Consumer<ByteBuf> ownedReader) {
        Object next = items.poll();
        if (next instanceof ByteBuf owned) {
            OWNED_HELD.decrement();
            int length = owned.readableBytes();
            if (ownedReader != null) {
                ownedReader.accept(owned);
            } else {
                Buffer copy;
                try {
                    copy = BufferInternal.buffer(Unpooled.copiedBuffer(owned));
                } finally {
                    owned.release();
                }
                reader.handle(copy);
            }
            return length;
        }
        Buffer data = (Buffer) next;
        reader.handle(data);
        return data.length();
    }

    /** Drops everything held, releasing the owned payloads (the stream failed). */
    void clear() {
        Object next;
        while ((next = items.poll()) != null) {
            if (next instanceof ByteBuf owned) {
                owned.release();
                OWNED_HELD.decrement();
            }
        }
    }

    private static int length(Object item) {
        return item instanceof ByteBuf owned ? owned.readableBytes() : ((Buffer) item).length();
    }
}
