package dev.drover.tunnel.protocol;

/**
 * Decides what to do with a stream the peer opens: connect it somewhere and {@link StreamRequest#accept()},
 * or {@link StreamRequest#reject(String)}. Called on the session's event loop; must not block.
 */
@FunctionalInterface
public interface StreamAcceptor {

    /** Refuses every stream: the server side, where only the server opens streams. */
    StreamAcceptor REFUSE_ALL = request -> request.reject("this side does not accept streams");

    void onStream(StreamRequest request);
}
