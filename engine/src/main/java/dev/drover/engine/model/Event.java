package dev.drover.engine.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A Kubernetes-style event of one cluster (kind {@value #KIND}, namespace = cluster id, name = {@link #id()}).
 * Repeats of the same reason about the same object are one event whose {@code count} grows, as Kubernetes does.
 *
 * @param clusterId      the cluster
 * @param id             derived from reason and involved object, so repeats land on the same record
 * @param type           {@value #NORMAL} or {@value #WARNING}
 * @param reason         one CamelCase word
 * @param message        the latest occurrence's sentence
 * @param involvedObject e.g. {@code Cluster/c-7xk2p}, {@code Namespace/web}
 * @param source         {@code drover}, or the user who acted
 * @param count          occurrences between firstTimestamp and lastTimestamp
 * @param firstTimestamp first occurrence
 * @param lastTimestamp  latest occurrence
 */
public record Event(String clusterId, String id, String type, String reason, String message, String involvedObject, String source,
                    int count, Instant firstTimestamp, Instant lastTimestamp) {

    public static final String KIND = "Event";
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    public Event {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(id, "id");
        type = WARNING.equals(type) ? WARNING : NORMAL;
        reason = reason == null ? "" : reason;
        message = message == null ? "" : message;
        involvedObject = involvedObject == null ? "" : involvedObject;
        source = source == null || source.isBlank() ? "drover" : source;
        Objects.requireNonNull(firstTimestamp, "firstTimestamp");
        lastTimestamp = lastTimestamp == null ? firstTimestamp : lastTimestamp;
    }

    /** Another occurrence: count + 1, the newer message, type and source. */
    public Event repeated(String newType, String newMessage, String newSource, Instant when) {
        return new Event(clusterId, id, newType, reason, newMessage, involvedObject, newSource, count + 1, firstTimestamp, when);
    }
}
