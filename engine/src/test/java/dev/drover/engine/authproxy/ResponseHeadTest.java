package dev.drover.engine.authproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class ResponseHeadTest {

    @Test
    void aHeadIsParsedOnceCompleteAndTheUpgradedBytesAfterItAreKept() {
        // given
        Buffer partial = Buffer.buffer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: SPDY/3.1\r\n");
        Buffer complete = partial.copy().appendString("X-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\n")
                .appendBytes(new byte[] {(byte) 0x80, 3});

        // when
        ResponseHead none = ResponseHead.parse(partial);
        ResponseHead head = ResponseHead.parse(complete);

        // then
        assertThat(none).isNull();
        assertThat(head.status()).isEqualTo(101);
        assertThat(head.headers().get("x-stream-protocol-version")).isEqualTo("v4.channel.k8s.io");
        assertThat(head.rest().getBytes()).containsExactly((byte) 0x80, 3);
    }

    @Test
    void somethingThatIsNotHttpOrTooLongIsRefused() {
        // given / when / then
        assertThatThrownBy(() -> ResponseHead.parse(Buffer.buffer("SSH-2.0-OpenSSH\r\n\r\n"))).hasMessageContaining("HTTP/1.1");
        assertThatThrownBy(() -> ResponseHead.parse(Buffer.buffer(new byte[ResponseHead.MAX_BYTES])))
                .hasMessageContaining("over");
    }
}
