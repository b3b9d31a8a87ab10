package dev.drover.engine.api;

import java.util.concurrent.CompletableFuture;

/** Why a {@link ManagementApi} method that this implementation does not offer yet fails: one clear sentence. */
final class ManagementApiDefaults {

    private ManagementApiDefaults() {
    }

    static <T> CompletableFuture<T> notYet(String feature) {
        return CompletableFuture.failedFuture(notYetException(feature));
    }

    static ApiException notYetException(String feature) {
        return new ApiException(ApiException.Reason.UNAVAILABLE, "This engine does not offer " + feature + " yet.");
    }
}
