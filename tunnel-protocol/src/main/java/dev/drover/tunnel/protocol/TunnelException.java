package dev.drover.tunnel.protocol;

/** A tunnel stream or session failed; the message says why in one sentence. */
public class TunnelException extends RuntimeException {

    public TunnelException(String message) {
        super(message, null, false, false);
    }

    public TunnelException(String message, Throwable cause) {
        super(message, cause);
    }
}
