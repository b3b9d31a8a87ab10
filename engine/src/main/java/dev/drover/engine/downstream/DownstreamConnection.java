package dev.drover.engine.downstream;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;

/**
 * An open client for one cluster and whatever it runs on (e.g. a loopback tunnel port), closed together.
 *
 * @param client    Drover's client for the cluster
 * @param resources closed after the client; {@code () -> {}} for none
 */
public record DownstreamConnection(KubernetesClient client, AutoCloseable resources) implements AutoCloseable {
    public DownstreamConnection {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(resources, "resources");
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            try {
                resources.close();
            } catch (Exception e) {
                // closing on the way out: nothing left to do with a failure
            }
        }
    }
}
