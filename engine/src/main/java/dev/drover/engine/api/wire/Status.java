package dev.drover.engine.api.wire;

import dev.drover.engine.api.ApiException;

/**
 * A failed call, shaped like Kubernetes' {@code Status} so that tools that know one know the other.
 *
 * @param kind       always {@code Status}
 * @param apiVersion always {@code v1}
 * @param status     always {@code Failure}
 * @param message    one sentence for the user
 * @param reason     Kubernetes' reason word: NotFound, AlreadyExists, Conflict, Invalid, BadRequest,
 *                   Unauthorized, Forbidden, ServiceUnavailable, Expired
 * @param code       the HTTP status
 */
public record Status(String kind, String apiVersion, String status, String message, String reason, int code) {

    /** A watch asked to resume from a revision the server no longer has: list again. */
    public static final String EXPIRED = "Expired";

    public static Status failure(int code, String reason, String message) {
        return new Status("Status", "v1", "Failure", message, reason, code);
    }

    /** How the server reports an {@link ApiException}. */
    public static Status of(ApiException e) {
        return switch (e.reason()) {
            case INVALID -> failure(422, "Invalid", e.getMessage());
            case NOT_FOUND -> failure(404, "NotFound", e.getMessage());
            case ALREADY_EXISTS -> failure(409, "AlreadyExists", e.getMessage());
            case CONFLICT -> failure(409, "Conflict", e.getMessage());
            case UNAUTHENTICATED -> failure(401, "Unauthorized", e.getMessage());
            case FORBIDDEN -> failure(403, "Forbidden", e.getMessage());
            case UNAVAILABLE, UNTRUSTED -> failure(503, "ServiceUnavailable", e.getMessage());
        };
    }

    /** What the client makes of a Status; an unknown reason falls back on the HTTP code. */
    public ApiException toException() {
        ApiException.Reason mapped = switch (reason == null ? "" : reason) {
            case "Invalid", "BadRequest" -> ApiException.Reason.INVALID;
            case "NotFound" -> ApiException.Reason.NOT_FOUND;
            case "AlreadyExists" -> ApiException.Reason.ALREADY_EXISTS;
            case "Conflict" -> ApiException.Reason.CONFLICT;
            case "Unauthorized" -> ApiException.Reason.UNAUTHENTICATED;
            case "Forbidden" -> ApiException.Reason.FORBIDDEN;
            default -> switch (code) {
                case 400, 422 -> ApiException.Reason.INVALID;
                case 401 -> ApiException.Reason.UNAUTHENTICATED;
                case 403 -> ApiException.Reason.FORBIDDEN;
                case 404 -> ApiException.Reason.NOT_FOUND;
                case 409 -> ApiException.Reason.CONFLICT;
                default -> ApiException.Reason.UNAVAILABLE;
            };
        };
        return new ApiException(mapped, message == null || message.isBlank() ? "The server answered " + code + "." : message);
    }
}
