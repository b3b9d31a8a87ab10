package dev.drover.tunnel.protocol;

/** Paths and headers the server and the agents share. */
public final class TunnelEndpoints {

    /** The WebSocket endpoint agents connect to. */
    public static final String CONNECT_PATH = "/v3/connect";
    /** Serves the CA certificate PEM that {@link CaChecksum} covers. */
    public static final String CA_CERTS_PATH = "/cacerts";
    /** Carries the registration token on the WebSocket upgrade request. */
    public static final String TOKEN_HEADER = "X-Drover-Token";
    /** Set by node agents only: the node's name; the session key becomes {@code cluster:node}. */
    public static final String NODE_HEADER = "X-Drover-Node";
    /** Largest WebSocket frame and message either side accepts: one tunnel frame. */
    public static final int MAX_WEBSOCKET_FRAME = Frame.MAX_FRAME_SIZE;

    private TunnelEndpoints() {
    }
}
