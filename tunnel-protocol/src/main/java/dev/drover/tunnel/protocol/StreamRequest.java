package dev.drover.tunnel.protocol;

/**
 * A stream the peer asked to open to {@link #target()}. Answer exactly once, from any thread:
 * {@link #accept()} sends CONNECT_OK and hands out the stream, {@link #reject(String)} sends RESET.
 */
public final class StreamRequest {

    private final TunnelStream stream;
    private final String target;

    StreamRequest(TunnelStream stream, String target) {
        this.stream = stream;
        this.target = target;
    }

    /** The {@code host:port} the peer wants to reach, as sent (validate it before dialling). */
    public String target() {
        return target;
    }

    public int streamId() {
        return stream.id();
    }

    /** Opens the stream; if the peer gave up meanwhile the stream is already failed. */
    public TunnelStream accept() {
        stream.session().onLoop(stream::acceptNow);
        return stream;
    }

    /** Refuses the stream; the opener's {@code open} fails with this message. */
    public void reject(String message) {
        stream.session().onLoop(() -> stream.resetNow(Frame.Reset.REFUSED, message, true));
    }
}
