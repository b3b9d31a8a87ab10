package dev.drover.tunnel.protocol;

/**
 * The peer broke the wire protocol (malformed, oversized or unknown frame, flow-control violation).
 * The session that received it is closed; other sessions are unaffected.
 */
public final class ProtocolException extends TunnelException {

    public ProtocolException(String message) {
        super(message);
    }
}
