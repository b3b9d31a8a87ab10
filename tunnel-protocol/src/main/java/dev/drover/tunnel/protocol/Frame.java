package dev.drover.tunnel.protocol;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One tunnel frame. Each frame travels as one binary WebSocket message:
 * {@code version:u8 | type:u8 | streamId:u32 | payload}, big-endian, at most {@link #MAX_FRAME_SIZE}
 * bytes. Stream frames carry a stream id above 0; session frames (ping, pong, sync) carry 0.
 * The wire format is documented in the module README; {@link #decode} rejects anything else with a
 * {@link ProtocolException}.
 */
public sealed interface Frame {

    /** Wire version; a peer speaking another one is refused. */
    byte VERSION = 1;
    int HEADER_SIZE = 6;
    /** Largest DATA payload. */
    int MAX_DATA = 64 * 1024;
    int MAX_FRAME_SIZE = HEADER_SIZE + MAX_DATA;
    int MAX_TARGET_LENGTH = 255;
    int MAX_MESSAGE_LENGTH = 1024;
    /** Largest window a peer may grant or hold for one stream (16 MiB). */
    int MAX_WINDOW = 16 * 1024 * 1024;
    /** How many stream ids fit one SYNC frame. */
    int MAX_SYNC_IDS = (MAX_DATA - 8) / 4;

    int streamId();

    /** Frame types and their wire codes. */
    enum Type {
        CONNECT(1), CONNECT_OK(2), DATA(3), WINDOW_UPDATE(4), FIN(5), RESET(6), PING(7), PONG(8), SYNC(9);

        final byte code;

        Type(int code) {
            this.code = (byte) code;
        }
    }

    /** Open stream {@code streamId} to {@code target} (host:port); the opener may receive {@code window} bytes. */
    record Connect(int streamId, int window, String target) implements Frame { }

    /** The stream is open; the acceptor may receive {@code window} bytes. */
    record ConnectOk(int streamId, int window) implements Frame { }

    /** Stream bytes; never more than the receiver's remaining window. */
    record Data(int streamId, Buffer data) implements Frame { }

    /** The receiver consumed {@code increment} more bytes: the sender may send that many more. */
    record WindowUpdate(int streamId, int increment) implements Frame { }

    /** The sender will send no more data on this stream (half-close); it may still receive. */
    record Fin(int streamId) implements Frame { }

    /** The stream is gone in both directions; {@code message} says why. */
    record Reset(int streamId, int code, String message) implements Frame {
        public static final int REFUSED = 1;
        public static final int ERROR = 2;
        public static final int CANCEL = 3;
    }

    /** Keepalive probe; answered with a {@link Pong} carrying the same payload. */
    record Ping(long payload) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    record Pong(long payload) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    /**
     * Part of the sender's list of live stream ids; the receiver reconciles after the part with
     * {@code last} set. {@code peerWatermark} is the highest stream id the sender has seen the
     * receiver open, so streams opened after the list was taken are not mistaken for orphans.
     */
    record Sync(int peerWatermark, boolean last, int[] ids) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    /** Encodes this frame for the wire. */
    default Buffer encode() {
        return switch (this) {
            case Connect c -> {
                byte[] target = c.target().getBytes(StandardCharsets.UTF_8);
                yield header(Type.CONNECT, c.streamId(), 4 + target.length).appendInt(c.window()).appendBytes(target);
            }
            case ConnectOk ok -> header(Type.CONNECT_OK, ok.streamId(), 4).appendInt(ok.window());
            case Data d -> encodeData(d.streamId(), d.data(), 0, d.data().length());
            case WindowUpdate w -> header(Type.WINDOW_UPDATE, w.streamId(), 4).appendInt(w.increment());
            case Fin f -> header(Type.FIN, f.streamId(), 0);
            case Reset r -> {
                byte[] message = truncate(r.message());
                yield header(Type.RESET, r.streamId(), 2 + message.length).appendShort((short) r.code()).appendBytes(message);
            }
            case Ping p -> header(Type.PING, 0, 8).appendLong(p.payload());
            case Pong p -> header(Type.PONG, 0, 8).appendLong(p.payload());
            case Sync s -> {
                Buffer b = header(Type.SYNC, 0, 8 + 4 * s.ids().length).appendInt(s.peerWatermark()).appendInt(s.last() ? 1 : 0);
                for (int id : s.ids()) {
                    b.appendInt(id);
                }
                yield b;
            }
        };
    }

    /** A DATA frame for {@code data[from, to)} without an intermediate copy. */
    static Buffer encodeData(int streamId, Buffer data, int from, int to) {
        return header(Type.DATA, streamId, to - from).appendBuffer(data, from, to - from);
    }

    private static Buffer header(Type type, int streamId, int payload) {
        return Buffer.buffer(HEADER_SIZE + payload).appendByte(VERSION).appendByte(type.code).appendInt(streamId);
    }

    private static byte[] truncate(String message) {
        byte[] bytes = (message == null ? "" : message).getBytes(StandardCharsets.UTF_8);
        // A quarter of the limit in UTF-16 units always fits: no unit takes more than 4 bytes.
        return bytes.length <= MAX_MESSAGE_LENGTH ? bytes
                : message.substring(0, MAX_MESSAGE_LENGTH / 4).getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes one wire frame, or fails with a {@link ProtocolException} naming what is wrong. */
    static Frame decode(Buffer wire) {
        return FrameDecoder.decode(wire);
    }
}
