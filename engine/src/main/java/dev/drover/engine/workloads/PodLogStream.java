package dev.drover.engine.workloads;

import dev.drover.engine.authproxy.Impersonation;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.PrettyLoggable;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * One pod's log, read line by line on its own virtual thread and handed to a {@link Sink} in order. With
 * {@code follow} the downstream request stays open until the pod ends or {@link #close()} closes it (which is
 * what stops the API server's stream). Started by {@link WorkloadActions#followLog}.
 */
public final class PodLogStream implements AutoCloseable {

    /** Receives the lines; {@code end} is called once, with null when the log simply ended. */
    public interface Sink {
        void line(String line);

        void end(WorkloadActionException failure);
    }

    private final WorkloadActions actions;
    private final Impersonation actor;
    private final WorkloadId pod;
    private final String container;
    private final int tailLines;
    private final boolean follow;
    private final Sink sink;
    private Closeable open;
    private boolean closed;

    PodLogStream(WorkloadActions actions, Impersonation actor, WorkloadId pod, String container, int tailLines, boolean follow, Sink sink) {
        this.actions = actions;
        this.actor = actor;
        this.pod = pod;
        this.container = container;
        this.tailLines = tailLines;
        this.follow = follow;
        this.sink = sink;
    }

    PodLogStream start() {
        Thread.ofVirtual().name("pod-log-" + pod.name()).start(this::run);
        return this;
    }

    private void run() {
        WorkloadActionException failure = null;
        try {
            InputStream input = actions.as(actor, pod, client -> {
                PodResource resource = client.pods().inNamespace(pod.namespace()).withName(pod.name());
                ContainerResource target = container == null || container.isBlank() ? resource : resource.inContainer(container);
                PrettyLoggable log = tailLines > 0 ? target.tailingLines(tailLines) : target;
                if (follow) {
                    LogWatch watch = log.watchLog();
                    return register(watch, watch.getOutput());
                }
                InputStream stream = log.getLogInputStream();
                return register(stream, stream);
            });
            if (input == null) {
                return; // closed while the request was on its way
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null && !isClosed(); line = reader.readLine()) {
                    sink.line(line);
                }
            }
        } catch (WorkloadActionException e) {
            failure = e;
        } catch (IOException | RuntimeException e) {
            if (!isClosed()) {
                failure = new WorkloadActionException(WorkloadActionException.Failure.UNAVAILABLE,
                        "The log of " + pod.describe() + " broke off: " + e.getMessage(), e);
            }
        }
        close();
        sink.end(failure);
    }

    private synchronized InputStream register(Closeable resource, InputStream input) {
        if (closed) {
            quietly(resource);
            return null;
        }
        open = resource;
        return input;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Stops reading and closes the downstream request. Idempotent; callable from any thread. */
    @Override
    public void close() {
        Closeable resource;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            resource = open;
        }
        if (resource != null) {
            quietly(resource);
        }
    }

    private static void quietly(Closeable resource) {
        try {
            resource.close();
        } catch (IOException | RuntimeException e) {
            // the stream is being abandoned either way
        }
    }
}
