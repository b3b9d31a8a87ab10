package dev.drover.tunnel.protocol;

import io.vertx.core.buffer.Buffer;
import java.util.Random;

/** Random frames: plain noise, plausible headers with random bodies, and oversized ones. */
final class FrameFuzz {

    private FrameFuzz() {
    }

    static Buffer randomFrame(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> noise(random, random.nextInt(16));
            case 1 -> noise(random, Frame.MAX_FRAME_SIZE + 1 + random.nextInt(1024));
            case 2 -> Buffer.buffer().appendByte((byte) random.nextInt(4)).appendByte((byte) random.nextInt(12))
                    .appendInt(random.nextInt()).appendBuffer(noise(random, random.nextInt(40)));
            default -> {
                Buffer frame = Buffer.buffer().appendByte(Frame.VERSION).appendByte((byte) (1 + random.nextInt(10)))
                        .appendInt(random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(8));
                int kind = random.nextInt(3);
                if (kind == 0) {
                    frame.appendInt(random.nextInt(70_000));
                }
                yield frame.appendBuffer(noise(random, random.nextInt(kind == 2 ? 2_000 : 24)));
            }
        };
    }

    private static Buffer noise(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Buffer.buffer(bytes);
    }
}
