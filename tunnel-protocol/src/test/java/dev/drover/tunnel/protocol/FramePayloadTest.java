package dev.drover.tunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How a bulk stream cuts its bytes into DATA frames: whole TLS records per frame (BENCHMARKS.md, Tunnel, sixth round). */
class FramePayloadTest {

    private static final int TLS_RECORD = 16 * 1024;
    /** A WebSocket frame of at most 65,535 bytes has a 2-byte header and a 2-byte length. */
    private static final int WEBSOCKET_HEADER = 4;

    @RegisterExtension
    static final SharedVertx VERTX = new SharedVertx();

    @Test
    void aFullDataFrameIsExactlyFourTlsRecordsOnTheWire() {
        // given
        int frame = TunnelEndpoints.FRAME_PAYLOAD + Frame.HEADER_SIZE;
        // then: unmasked, the WebSocket frame carrying it fills four records and spills into no fifth
        assertThat(frame).isLessThanOrEqualTo(0xFFFF);
        assertThat(WEBSOCKET_HEADER + frame).isEqualTo(4 * TLS_RECORD);
        assertThat(frame).isLessThanOrEqualTo(TunnelEndpoints.MAX_WEBSOCKET_FRAME);
    }

    @Test
    void bulkBytesGoOutInFramesOfTheFramePayloadAndArriveIntact() throws Exception {
        // given
        SessionPair pair = SessionPair.start(VERTX.get(), SessionOptions.DEFAULTS, SessionPair::echo);
        byte[] payload = new byte[3 * TunnelEndpoints.FRAME_PAYLOAD + 1_000];
        new Random(3).nextBytes(payload);
        TunnelStream stream = pair.server().open("echo:1").toCompletionStage().toCompletableFuture().join();
        CompletableFuture<Buffer> echoed = new CompletableFuture<>();
        Buffer received = Buffer.buffer();
        stream.handler(received::appendBuffer).endHandler(v -> echoed.complete(received));
        // when: one write of more than three frames' worth
        stream.write(Buffer.buffer(payload));
        stream.end();
        // then
        assertThat(echoed.get(10, TimeUnit.SECONDS).getBytes()).isEqualTo(payload);
        assertThat(pair.serverTransport().dataPayloads)
                .containsExactly(TunnelEndpoints.FRAME_PAYLOAD, TunnelEndpoints.FRAME_PAYLOAD, TunnelEndpoints.FRAME_PAYLOAD, 1_000);
    }
}
