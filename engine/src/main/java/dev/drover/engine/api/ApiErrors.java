package dev.drover.engine.api;

import dev.drover.engine.store.AlreadyExistsException;
import dev.drover.engine.store.ConflictException;
import dev.drover.engine.store.InvalidRequestException;
import dev.drover.engine.store.NotFoundException;
import dev.drover.engine.store.StoreException;
import java.util.concurrent.CompletionException;

/** Translates engine failures into {@link ApiException}s, so no store type leaks to the console. */
final class ApiErrors {

    private ApiErrors() {
    }

    static ApiException translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return switch (cause) {
            case ApiException api -> api;
            case NotFoundException e -> new ApiException(ApiException.Reason.NOT_FOUND, e.getMessage(), e);
            case AlreadyExistsException e -> new ApiException(ApiException.Reason.ALREADY_EXISTS, e.getMessage(), e);
            case ConflictException e -> new ApiException(ApiException.Reason.CONFLICT, e.getMessage(), e);
            case InvalidRequestException e -> new ApiException(ApiException.Reason.INVALID, e.getMessage(), e);
            case StoreException e -> new ApiException(ApiException.Reason.UNAVAILABLE, e.getMessage(), e);
            default -> new ApiException(ApiException.Reason.UNAVAILABLE,
                    "The engine failed unexpectedly: " + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        };
    }

    static ApiException invalid(String message) {
        return new ApiException(ApiException.Reason.INVALID, message);
    }
}
