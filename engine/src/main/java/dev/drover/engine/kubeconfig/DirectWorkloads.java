package dev.drover.engine.kubeconfig;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the workloads of a cluster through one direct (ACE) context, with that context's CA and token only:
 * the offline recovery's read-only view when the Drover server is gone. Deployments, stateful sets, daemon
 * sets and pods of every namespace the token may list. Blocking: call it off the FX thread.
 */
public final class DirectWorkloads {

    /** One row: kind, namespace, name, "ready/desired" as kubectl prints it, and when it was created (null if unknown). */
    public record Row(String kind, String namespace, String name, String ready, Instant created) {
    }

    private final Duration timeout;

    public DirectWorkloads(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Lists the context's workloads, sorted by namespace, kind and name.
     *
     * @throws IllegalStateException with one sentence naming the context when the cluster cannot be read
     */
    public List<Row> list(Kubeconfig.Context context) {
        // Never Config.autoConfigure: the user's ~/.kube/config or environment must not leak in.
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl(context.server())
                .withOauthToken(context.token())
                .withRequestTimeout((int) timeout.toMillis())
                .withConnectionTimeout((int) timeout.toMillis())
                .withRequestRetryBackoffLimit(0);
        if (!context.caPem().isBlank()) {
            config.withCaCertData(Base64.getEncoder().encodeToString(context.caPem().getBytes(StandardCharsets.US_ASCII)));
        }
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config.build())
                .withHttpClientFactory(new Vertx5HttpClientFactory()).build()) {
            List<Row> rows = new ArrayList<>();
            for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
                rows.add(row("Deployment", d, ready(d.getStatus() == null ? null : d.getStatus().getReadyReplicas(),
                        d.getSpec() == null ? null : d.getSpec().getReplicas())));
            }
            for (StatefulSet s : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
                rows.add(row("StatefulSet", s, ready(s.getStatus() == null ? null : s.getStatus().getReadyReplicas(),
                        s.getSpec() == null ? null : s.getSpec().getReplicas())));
            }
            for (DaemonSet s : client.apps().daemonSets().inAnyNamespace().list().getItems()) {
                rows.add(row("DaemonSet", s, s.getStatus() == null ? "0/0"
                        : ready(s.getStatus().getNumberReady(), s.getStatus().getDesiredNumberScheduled())));
            }
            for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
                rows.add(row("Pod", p, podReady(p)));
            }
            rows.sort(Comparator.comparing(Row::namespace).thenComparing(Row::kind).thenComparing(Row::name));
            return rows;
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("Cannot read the workloads through " + context.name() + ": " + reason(e) + ".", e);
        }
    }

    private static Row row(String kind, HasMetadata object, String ready) {
        return new Row(kind, object.getMetadata().getNamespace(), object.getMetadata().getName(), ready,
                created(object.getMetadata().getCreationTimestamp()));
    }

    private static String ready(Integer ready, Integer desired) {
        return (ready == null ? 0 : ready) + "/" + (desired == null ? 0 : desired);
    }

    /** Ready containers over containers, as {@code kubectl get pods} shows. */
    private static String podReady(Pod pod) {
        int total = pod.getSpec() == null ? 0 : pod.getSpec().getContainers().size();
        long ready = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? 0
                : pod.getStatus().getContainerStatuses().stream().filter(s -> Boolean.TRUE.equals(s.getReady())).count();
        return ready + "/" + total;
    }

    private static Instant created(String timestamp) {
        try {
            return timestamp == null ? null : Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The cause a user can act on: a status code with its meaning, or the network failure, without a stack of wrappers. */
    private static String reason(KubernetesClientException e) {
        if (e.getCode() <= 0) {
            // no HTTP answer (fabric8 says 0 or -1): connection refused, timeout, a certificate the context's CA does not sign
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                if (root instanceof javax.net.ssl.SSLException) {
                    return "the API server's certificate is not signed by the context's CA";
                }
                root = root.getCause();
            }
            if (root instanceof javax.net.ssl.SSLException || root instanceof java.security.cert.CertificateException) {
                return "the API server's certificate is not signed by the context's CA";
            }
            String message = root.getMessage();
            return "the API server did not answer (" + root.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip()) + ")";
        }
        return switch (e.getCode()) {
            case 401 -> "the token was rejected (401)";
            case 403 -> "the token may not list workloads (403)";
            default -> "the API server answered HTTP " + e.getCode();
        };
    }
}
