package dev.drover.tunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageAssemblerTest {

    private final List<Buffer> messages = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final MessageAssembler assembler = new MessageAssembler(16, messages::add,
            (e, code) -> errors.add(code + " " + e.getMessage()));

    @Test
    void anUnfragmentedBinaryFrameIsHandedOnAsItArrived() {
        // given
        Buffer payload = Buffer.buffer("one frame");
        // when
        assembler.handle(WebSocketFrame.binaryFrame(payload, true));
        // then
        assertThat(messages).containsExactly(payload);
        assertThat(errors).isEmpty();
    }

    @Test
    void aFragmentedMessageIsJoinedAtItsFinalFrame() {
        // when
        assembler.handle(WebSocketFrame.binaryFrame(Buffer.buffer("abc"), false));
        assembler.handle(WebSocketFrame.continuationFrame(Buffer.buffer("def"), false));
        assertThat(messages).isEmpty();
        assembler.handle(WebSocketFrame.continuationFrame(Buffer.buffer("gh"), true));
        assembler.handle(WebSocketFrame.binaryFrame(Buffer.buffer("next"), true));
        // then
        assertThat(messages).extracting(Buffer::toString).containsExactly("abcdefgh", "next");
        assertThat(errors).isEmpty();
    }

    @Test
    void textIsUnsupportedDataAndBrokenFragmentsAreProtocolErrors() {
        // when
        assembler.handle(WebSocketFrame.textFrame("hello", true));
        assembler.handle(WebSocketFrame.continuationFrame(Buffer.buffer("orphan"), true));
        assembler.handle(WebSocketFrame.binaryFrame(Buffer.buffer("a"), false));
        assembler.handle(WebSocketFrame.binaryFrame(Buffer.buffer("b"), true));
        // then
        assertThat(errors).containsExactly(
                "1003 text message on the tunnel, which speaks binary frames only",
                "1002 a continuation frame with no message to continue",
                "1002 a new message began before the fragmented one before it ended");
        assertThat(messages).isEmpty();
    }

    @Test
    void aFragmentedMessageOverTheLimitIsRefusedBeforeItGrowsFurther() {
        // when
        assembler.handle(WebSocketFrame.binaryFrame(Buffer.buffer("0123456789"), false));
        assembler.handle(WebSocketFrame.continuationFrame(Buffer.buffer("0123456789"), false));
        assembler.handle(WebSocketFrame.continuationFrame(Buffer.buffer("x"), true));
        // then
        assertThat(errors).first().asString().startsWith("1002 a fragmented message over 16 bytes");
        assertThat(messages).isEmpty();
    }
}
