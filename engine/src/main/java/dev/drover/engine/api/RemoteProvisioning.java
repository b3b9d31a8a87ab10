package dev.drover.engine.api;

import dev.drover.engine.api.wire.ProvisioningWire;
import dev.drover.engine.api.wire.WireJson;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wizard's calls against a {@code drover server} (see {@link ProvisioningWire}): validate and render are
 * plain requests; Test SSH and provisioning run on the server, which is where the machines' keys and known_hosts
 * are then kept. A run's events come over one WebSocket; the JDK client calls its listener one message at a time,
 * so {@link ProvisioningListener} keeps its one-at-a-time, in-order promise.
 */
final class RemoteProvisioning {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteProvisioning.class);

    private final Supplier<RemoteHttp> http;

    RemoteProvisioning(Supplier<RemoteHttp> http) {
        this.http = http;
    }

    CompletableFuture<List<ClusterYamlProblem>> validate(String yaml) {
        return http.get().call("POST", ProvisioningWire.VALIDATE, new ProvisioningWire.ClusterYaml(yaml == null ? "" : yaml),
                ClusterYamlProblem[].class).thenApply(List::of);
    }

    CompletableFuture<String> render(RkeClusterSpec spec) {
        return http.get().call("POST", ProvisioningWire.RENDER, spec, ProvisioningWire.ClusterYaml.class).thenApply(ProvisioningWire.ClusterYaml::yaml);
    }

    CompletableFuture<SshTestResult> testSsh(NodeAccess access) {
        return http.get().call("POST", ProvisioningWire.TEST_SSH, access, SshTestResult.class);
    }

    ProvisioningRun provision(String name, String yaml, ProvisioningListener listener) {
        Run run = new Run(listener == null ? event -> { } : listener);
        http.get().webSocket(ProvisioningWire.PROVISION, run).whenComplete((socket, failure) -> {
            if (failure != null) {
                ApiException cause = failure instanceof ApiException api ? api : ApiErrors.translate(failure);
                run.end(new ProvisioningEvent.Failed(cause.getMessage(), cause.reason() == ApiException.Reason.FORBIDDEN
                        ? "Ask an administrator: only administrators build clusters." : "Check the connection to the server and try again.",
                        Map.of(), false), cause);
                return;
            }
            socket.sendText(WireJson.encode(new ProvisioningWire.ProvisionRequest(name, yaml)), true);
        });
        return run;
    }

    /** One run's socket listener and handle. */
    private static final class Run implements ProvisioningRun, WebSocket.Listener {

        private final ProvisioningListener listener;
        private final CompletableFuture<ClusterSummary> completion = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private volatile boolean cancelRequested;

        Run(ProvisioningListener listener) {
            this.listener = listener;
        }

        @Override
        public void cancel() {
            cancelRequested = true;
            WebSocket open = socket;
            if (open != null && !completion.isDone()) {
                open.sendText(ProvisioningWire.CANCEL, true);
            }
        }

        @Override
        public CompletableFuture<ClusterSummary> completion() {
            return completion;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
            if (cancelRequested) {
                webSocket.sendText(ProvisioningWire.CANCEL, true);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    ProvisioningEvent event = WireJson.decode(text, ProvisioningWire.Message.class).event();
                    switch (event) {
                        case ProvisioningEvent.Succeeded done -> {
                            deliver(event);
                            completion.complete(done.cluster());
                        }
                        case ProvisioningEvent.Failed failed -> end(failed, new ApiException(ApiException.Reason.UNAVAILABLE,
                                failed.message() + " " + failed.hint()));
                        default -> deliver(event);
                    }
                } catch (IllegalArgumentException e) {
                    LOG.warn("ignoring a provisioning message this console does not understand: {}", e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost();
        }

        private void lost() {
            if (!completion.isDone()) {
                String message = "The connection to the server was lost during the run.";
                end(new ProvisioningEvent.Failed(message, "The run goes on on the server: the cluster appears in the list when it is"
                        + " done; provision again with the same name to follow it.", Map.of(), cancelRequested),
                        new ApiException(ApiException.Reason.UNAVAILABLE, message));
            }
        }

        void end(ProvisioningEvent.Failed failed, ApiException failure) {
            if (completion.isDone()) {
                return;
            }
            deliver(failed);
            completion.completeExceptionally(failure);
        }

        private void deliver(ProvisioningEvent event) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("provisioning listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }
}
