package dev.drover.engine.downstream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * Labels that mark downstream objects Drover owns, so reconcilers can find and garbage-collect them
 * without ever touching objects a user made.
 */
public final class Managed {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String DROVER = "drover";
    public static final String OWNER = "drover.dev/owner";

    private Managed() {
    }

    /** Labels for an object owned by the named reconciler. */
    public static Map<String, String> labels(String owner) {
        return Map.of(MANAGED_BY, DROVER, OWNER, owner);
    }

    public static boolean isOwnedBy(HasMetadata object, String owner) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && DROVER.equals(labels.get(MANAGED_BY)) && owner.equals(labels.get(OWNER));
    }
}
