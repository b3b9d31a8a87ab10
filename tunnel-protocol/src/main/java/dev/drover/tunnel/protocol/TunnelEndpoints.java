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
    /**
     * Sent by agents on the upgrade request: how Drover reaches the cluster's API server through them —
     * its URL as the agent dials it ({@code https://10.43.0.1:443}); the host and port must be on the
     * agent's allow-list.
     */
    public static final String API_SERVER_HEADER = "X-Drover-Api-Server";
    /** With {@link #API_SERVER_HEADER}: the agent's service account token, Drover's identity in the cluster. */
    public static final String API_TOKEN_HEADER = "X-Drover-Api-Token";
    /** With {@link #API_SERVER_HEADER}: base64 of the PEM of the CA that signed the API server's certificate. */
    public static final String API_CA_HEADER = "X-Drover-Api-Ca";
    /** Largest WebSocket frame and message either side accepts: one tunnel frame. */
    public static final int MAX_WEBSOCKET_FRAME = Frame.MAX_FRAME_SIZE;

    /**
     * Kernel send buffer of tunnel connections. Small on purpose: frames that wait should wait in the
     * session's round-robin queue, where a small request overtakes a bulk stream, not in a socket buffer
     * of megabytes behind it.
     */
    public static final int SOCKET_SEND_BUFFER = Integer.getInteger("drover.tunnel.sendBuffer", 128 * 1024);

    /**
     * TLS suites both ends enable, in preference order: AES-128-GCM first (AES-NI makes it the fastest
     * on the JDK's TLS; 128-bit keys are ample for a session key), then AES-256-GCM and ChaCha20.
     */
    public static final java.util.List<String> CIPHER_SUITES = java.util.List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

    private TunnelEndpoints() {
    }
}
