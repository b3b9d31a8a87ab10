package dev.drover.tunnel.protocol;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.util.function.ObjIntConsumer;

/**
 * Turns WebSocket frames into tunnel messages. An unfragmented binary frame (every frame Drover
 * sends) is handed on as it arrived; only a message split into continuation frames is joined. Used
 * instead of Vert.x's {@code binaryMessageHandler}, which copies every message once more even when it
 * came in one frame — on the bulk path that copy was as large as the data itself. With {@link InboundFrames}
 * on the channel it sees only the fragmented messages (and text frames, to refuse them); without it, all.
 */
final class MessageAssembler implements Handler<WebSocketFrame> {

    /** WebSocket close codes (RFC 6455) the session closes with. */
    static final int PROTOCOL_ERROR = 1002;
    static final int UNSUPPORTED_DATA = 1003;

    private final int maxMessageSize;
    private final Handler<Buffer> messages;
    private final ObjIntConsumer<ProtocolException> errors;
    private Buffer partial;

    MessageAssembler(int maxMessageSize, Handler<Buffer> messages, ObjIntConsumer<ProtocolException> errors) {
        this.maxMessageSize = maxMessageSize;
        this.messages = messages;
        this.errors = errors;
    }

    @Override
    public void handle(WebSocketFrame frame) {
        if (frame.isText()) {
            errors.accept(new ProtocolException("text message on the tunnel, which speaks binary frames only"), UNSUPPORTED_DATA);
        } else if (frame.isBinary()) {
            if (partial != null) {
                errors.accept(new ProtocolException("a new message began before the fragmented one before it ended"), PROTOCOL_ERROR);
            } else if (frame.isFinal()) {
                messages.handle(frame.binaryData());
            } else {
                partial = Buffer.buffer().appendBuffer(frame.binaryData());
                checkSize();
            }
        } else if (frame.isContinuation()) {
            if (partial == null) {
                errors.accept(new ProtocolException("a continuation frame with no message to continue"), PROTOCOL_ERROR);
                return;
            }
            partial.appendBuffer(frame.binaryData());
            if (checkSize() && frame.isFinal()) {
                Buffer message = partial;
                partial = null;
                messages.handle(message);
            }
        }
    }

    private boolean checkSize() {
        if (partial.length() > maxMessageSize) {
            partial = null;
            errors.accept(new ProtocolException("a fragmented message over " + maxMessageSize + " bytes"), PROTOCOL_ERROR);
            return false;
        }
        return true;
    }
}
