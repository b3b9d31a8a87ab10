package dev.drover.tunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void everyFrameTypeSurvivesTheWire() {
        // given
        List<Frame> frames = List.of(
                new Frame.Connect(2, 65536, "10.43.0.1:443"),
                new Frame.ConnectOk(2, 1024),
                new Frame.WindowUpdate(3, 4096),
                new Frame.Fin(4),
                new Frame.Reset(5, Frame.Reset.REFUSED, "not on the allow-list: ünïcode"),
                new Frame.Ping(42L),
                new Frame.Pong(-7L));
        for (Frame frame : frames) {
            // when
            Frame decoded = Frame.decode(frame.encode());
            // then
            assertThat(decoded).isEqualTo(frame);
        }
        Frame.Data data = (Frame.Data) Frame.decode(new Frame.Data(9, Buffer.buffer("hello")).encode());
        assertThat(data.streamId()).isEqualTo(9);
        assertThat(data.data().toString()).isEqualTo("hello");
        Frame.Sync sync = (Frame.Sync) Frame.decode(new Frame.Sync(8, true, new int[] {1, 3, 5}).encode());
        assertThat(sync.ids()).containsExactly(1, 3, 5);
        assertThat(sync.peerWatermark()).isEqualTo(8);
        assertThat(sync.last()).isTrue();
    }

    @Test
    void rejectsOversizedUnknownAndMalformedFrames() {
        assertThatThrownBy(() -> Frame.decode(Buffer.buffer(new byte[Frame.MAX_FRAME_SIZE + 1])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("oversized");
        assertThatThrownBy(() -> Frame.decode(Buffer.buffer().appendByte(Frame.VERSION).appendByte((byte) 99).appendInt(1)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown frame type 99");
        assertThatThrownBy(() -> Frame.decode(Buffer.buffer().appendByte((byte) 2).appendByte((byte) 5).appendInt(1)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> Frame.decode(Buffer.buffer(new byte[] {1, 3})))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> Frame.decode(new Frame.WindowUpdate(0, 5).encode()))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("stream id above 0");
        assertThatThrownBy(() -> Frame.decode(new Frame.Connect(1, 0, "a:1").encode()))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("window 0");
        assertThatThrownBy(() -> Frame.decode(new Frame.Connect(1, 10, "a b:1").encode()))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("blanks");
    }

    @Test
    void fuzzedBytesDecodeOrFailWithAProtocolErrorOnly() {
        // given
        Random random = new Random(20261123);
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            Buffer wire = FrameFuzz.randomFrame(random);
            // when
            try {
                Frame.decode(wire);
            } catch (ProtocolException expected) {
                rejected++;
            }
        }
        // then: anything else thrown has failed the test already
        assertThat(rejected).isGreaterThan(5_000);
    }
}
