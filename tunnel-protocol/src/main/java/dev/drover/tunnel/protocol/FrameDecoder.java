package dev.drover.tunnel.protocol;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict decoding of {@link Frame}s: every field is range-checked before anything acts on it. */
final class FrameDecoder {

    private FrameDecoder() {
    }

    static Frame decode(Buffer wire) {
        int length = wire.length();
        if (length < Frame.HEADER_SIZE) {
            throw new ProtocolException("truncated frame: " + length + " bytes, the header alone is " + Frame.HEADER_SIZE);
        }
        if (length > Frame.MAX_FRAME_SIZE) {
            throw new ProtocolException("oversized frame: " + length + " bytes, at most " + Frame.MAX_FRAME_SIZE + " allowed");
        }
        byte version = wire.getByte(0);
        if (version != Frame.VERSION) {
            throw new ProtocolException("unsupported protocol version " + (version & 0xff) + ", this side speaks " + Frame.VERSION);
        }
        int type = wire.getByte(1) & 0xff;
        int streamId = wire.getInt(2);
        int payload = length - Frame.HEADER_SIZE;
        return switch (type) {
            case 1 -> {
                requireStream(streamId, "CONNECT");
                requireAtLeast(payload, 5, "CONNECT");
                int window = window(wire.getInt(6), "CONNECT");
                if (payload - 4 > Frame.MAX_TARGET_LENGTH) {
                    throw new ProtocolException("CONNECT target longer than " + Frame.MAX_TARGET_LENGTH + " bytes");
                }
                String target = text(wire, 10, length, "CONNECT target");
                if (target.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                    throw new ProtocolException("CONNECT target contains blanks or control characters");
                }
                yield new Frame.Connect(streamId, window, target);
            }
            case 2 -> {
                requireStream(streamId, "CONNECT_OK");
                requireExactly(payload, 4, "CONNECT_OK");
                yield new Frame.ConnectOk(streamId, window(wire.getInt(6), "CONNECT_OK"));
            }
            case 3 -> {
                requireStream(streamId, "DATA");
                yield new Frame.Data(streamId, wire.slice(Frame.HEADER_SIZE, length));
            }
            case 4 -> {
                requireStream(streamId, "WINDOW_UPDATE");
                requireExactly(payload, 4, "WINDOW_UPDATE");
                int increment = wire.getInt(6);
                if (increment <= 0 || increment > Frame.MAX_WINDOW) {
                    throw new ProtocolException("WINDOW_UPDATE increment " + increment + " out of range 1.." + Frame.MAX_WINDOW);
                }
                yield new Frame.WindowUpdate(streamId, increment);
            }
            case 5 -> {
                requireStream(streamId, "FIN");
                requireExactly(payload, 0, "FIN");
                yield new Frame.Fin(streamId);
            }
            case 6 -> {
                requireStream(streamId, "RESET");
                requireAtLeast(payload, 2, "RESET");
                if (payload - 2 > Frame.MAX_MESSAGE_LENGTH) {
                    throw new ProtocolException("RESET message longer than " + Frame.MAX_MESSAGE_LENGTH + " bytes");
                }
                yield new Frame.Reset(streamId, wire.getUnsignedShort(6), text(wire, 8, length, "RESET message"));
            }
            case 7, 8 -> {
                requireSession(streamId, type == 7 ? "PING" : "PONG");
                requireExactly(payload, 8, type == 7 ? "PING" : "PONG");
                long value = wire.getLong(6);
                yield type == 7 ? new Frame.Ping(value) : new Frame.Pong(value);
            }
            case 9 -> {
                requireSession(streamId, "SYNC");
                requireAtLeast(payload, 8, "SYNC");
                if ((payload - 8) % 4 != 0) {
                    throw new ProtocolException("SYNC id list is not a whole number of 4-byte ids");
                }
                int watermark = wire.getInt(6);
                int flags = wire.getInt(10);
                if (watermark < 0 || (flags & ~1) != 0) {
                    throw new ProtocolException("SYNC watermark or flags out of range");
                }
                int[] ids = new int[(payload - 8) / 4];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = wire.getInt(14 + 4 * i);
                    if (ids[i] <= 0) {
                        throw new ProtocolException("SYNC lists stream id " + ids[i] + ", ids start at 1");
                    }
                }
                yield new Frame.Sync(watermark, (flags & 1) != 0, ids);
            }
            default -> throw new ProtocolException("unknown frame type " + type);
        };
    }

    private static void requireStream(int streamId, String type) {
        if (streamId <= 0) {
            throw new ProtocolException(type + " needs a stream id above 0, got " + Integer.toUnsignedString(streamId));
        }
    }

    private static void requireSession(int streamId, String type) {
        if (streamId != 0) {
            throw new ProtocolException(type + " is a session frame and must carry stream id 0");
        }
    }

    private static void requireExactly(int payload, int expected, String type) {
        if (payload != expected) {
            throw new ProtocolException(type + " payload must be " + expected + " bytes, got " + payload);
        }
    }

    private static void requireAtLeast(int payload, int minimum, String type) {
        if (payload < minimum) {
            throw new ProtocolException(type + " payload must be at least " + minimum + " bytes, got " + payload);
        }
    }

    private static int window(int window, String type) {
        if (window <= 0 || window > Frame.MAX_WINDOW) {
            throw new ProtocolException(type + " window " + window + " out of range 1.." + Frame.MAX_WINDOW);
        }
        return window;
    }

    private static String text(Buffer wire, int from, int to, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(wire.getBytes(from, to)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(what + " is not valid UTF-8");
        }
    }
}
