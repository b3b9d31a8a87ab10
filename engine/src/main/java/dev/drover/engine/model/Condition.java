package dev.drover.engine.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A Kubernetes-style condition.
 *
 * @param type               e.g. Connected, Ready
 * @param status             "True", "False" or "Unknown", as in Kubernetes
 * @param reason             one CamelCase word
 * @param message            a sentence for humans
 * @param lastTransitionTime when {@code status} last changed
 */
public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {
    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        message = message == null ? "" : message;
    }

    public boolean isTrue() {
        return "True".equals(status);
    }

    public boolean isFalse() {
        return "False".equals(status);
    }
}
