package dev.drover.engine.api.wire;

import dev.drover.engine.api.ClusterSummary;
import dev.drover.engine.api.ProvisioningEvent;
import java.time.Duration;

/**
 * What console and server agree on for the cluster wizard (issue #7): paths, request bodies, and the
 * WebSocket messages of a provisioning run. Kept apart from {@link ApiPaths} so the wizard's wire format
 * changes in one place.
 *
 * <p>A run: the console opens {@value #PROVISION} (WebSocket, administrators only) and sends one
 * {@link ProvisionRequest}; the server sends one {@link Message} per {@link ProvisioningEvent}, the last a
 * Succeeded or Failed, then closes. The text {@value #CANCEL} from the console cancels the run. A console that
 * goes away does not stop the run: the cluster still appears in the list when it is done.
 */
public final class ProvisioningWire {

    public static final String VALIDATE = "/v3/rke/validate";
    public static final String RENDER = "/v3/rke/render";
    public static final String TEST_SSH = "/v3/rke/test-ssh";
    public static final String PROVISION = "/v3/rke/provision";
    public static final String CANCEL = "cancel";

    private ProvisioningWire() {
    }

    /** A cluster.yml, as a request to validate or as a rendered answer. */
    public record ClusterYaml(String yaml) {
    }

    /** The first message of a provisioning WebSocket. */
    public record ProvisionRequest(String name, String yaml) {
    }

    /**
     * One event of a run, exactly one field set according to {@code type}. {@code tookMillis} goes with a
     * succeeded run (a plain number: no date-time module needed at either end).
     */
    public record Message(String type, ProvisioningEvent.PlaneUpdate plane, ProvisioningEvent.NodeUpdate node,
                          ProvisioningEvent.LogLine log, ClusterSummary cluster, long tookMillis, ProvisioningEvent.Failed failed) {

        public static Message of(ProvisioningEvent event) {
            return switch (event) {
                case ProvisioningEvent.PlaneUpdate p -> new Message("plane", p, null, null, null, 0, null);
                case ProvisioningEvent.NodeUpdate n -> new Message("node", null, n, null, null, 0, null);
                case ProvisioningEvent.LogLine l -> new Message("log", null, null, l, null, 0, null);
                case ProvisioningEvent.Succeeded s -> new Message("succeeded", null, null, null, s.cluster(), s.took().toMillis(), null);
                case ProvisioningEvent.Failed f -> new Message("failed", null, null, null, null, 0, f);
            };
        }

        /** The event; IllegalArgumentException for a message this version does not know. */
        public ProvisioningEvent event() {
            ProvisioningEvent event = switch (type == null ? "" : type) {
                case "plane" -> plane;
                case "node" -> node;
                case "log" -> log;
                case "succeeded" -> cluster == null ? null : new ProvisioningEvent.Succeeded(cluster, Duration.ofMillis(tookMillis));
                case "failed" -> failed;
                default -> null;
            };
            if (event == null) {
                throw new IllegalArgumentException("not a provisioning message: " + type);
            }
            return event;
        }
    }
}
