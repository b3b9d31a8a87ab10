package dev.drover.engine.authproxy;

/**
 * Why a proxied request cannot be served, with the HTTP status the client gets as a Kubernetes Status.
 * The message is shown to the user: it names the cluster, never a credential.
 */
final class ProxyFailure extends RuntimeException {

    private final int code;

    ProxyFailure(int code, String message) {
        super(message);
        this.code = code;
    }

    ProxyFailure(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    int code() {
        return code;
    }
}
