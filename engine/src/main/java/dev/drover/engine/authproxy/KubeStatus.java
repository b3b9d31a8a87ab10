package dev.drover.engine.authproxy;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Errors as Kubernetes {@code Status} objects, so kubectl prints the message ("error: You must be
 * logged in to the server (Unauthorized)", "Error from server (Forbidden): …") instead of a raw body.
 */
final class KubeStatus {

    private KubeStatus() {
    }

    /** The Status JSON for {@code code}, with the Kubernetes reason that goes with it. */
    static String json(int code, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                + quote(message) + ",\"reason\":\"" + reason(code) + "\",\"code\":" + code + "}";
    }

    static String reason(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 413 -> "RequestEntityTooLarge";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "InternalError";
        };
    }

    /**
     * Answers {@code request} with a Status, unless a response has begun (then the stream is reset,
     * which the client sees as a broken response rather than a wrong one).
     */
    static void send(HttpServerRequest request, int code, String message, boolean closeConnection) {
        HttpServerResponse response = request.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            if (!response.ended() && !response.closed()) {
                response.reset();
            }
            return;
        }
        response.setStatusCode(code).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store");
        if (code == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"drover\"");
        }
        boolean bodyUnread = !request.isEnded() && (request.getHeader("Content-Length") != null
                && !request.getHeader("Content-Length").strip().equals("0") || request.getHeader("Transfer-Encoding") != null);
        if (!request.isEnded() && !bodyUnread) {
            request.resume(); // only the end of the request is left to read: keep the connection
        }
        if (closeConnection || bodyUnread) {
            // the unread body is still on the wire; the connection cannot carry another request
            response.putHeader("Connection", "close");
            response.end(json(code, message)).onComplete(done -> LingeringClose.after(request));
        } else {
            response.end(json(code, message));
        }
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
