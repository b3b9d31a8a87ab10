package dev.drover.app.wizard;

import dev.drover.app.FakeManagementApi;
import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ClusterImport;
import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.ClusterSummary;
import dev.drover.engine.api.ClusterYamlProblem;
import dev.drover.engine.api.EngineInfo;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.NewCluster;
import dev.drover.engine.api.NodeAccess;
import dev.drover.engine.api.ProvisioningEvent;
import dev.drover.engine.api.ProvisioningListener;
import dev.drover.engine.api.ProvisioningRun;
import dev.drover.engine.api.RkeClusterSpec;
import dev.drover.engine.api.SshTestResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * TEST DOUBLE of the engine's provisioning calls, around {@link FakeManagementApi} for the rest. Answers
 * come on an "engine" thread of their own, as the real engine's do. cluster.yml is "invalid" on every line
 * that mentions the role "wroker"; SSH answers are scripted per address; runs are driven by the test.
 */
final class ProvisioningFakeApi implements ManagementApi {

    final FakeManagementApi clusters = new FakeManagementApi();
    final AtomicInteger validations = new AtomicInteger();
    final Map<String, SshTestResult> sshAnswers = new ConcurrentHashMap<>();
    volatile RkeClusterSpec lastSpec;
    volatile FakeRun run;
    private final Executor engine = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("fake-engine").unstarted(r));

    /** A run the test drives: {@link #emit} delivers on the engine thread; Cancel ends it as the engine would. */
    final class FakeRun implements ProvisioningRun {
        final String name;
        final String yaml;
        private final ProvisioningListener listener;
        private final CompletableFuture<ClusterSummary> completion = new CompletableFuture<>();
        volatile boolean cancelled;

        FakeRun(String name, String yaml, ProvisioningListener listener) {
            this.name = name;
            this.yaml = yaml;
            this.listener = listener;
        }

        void emit(ProvisioningEvent... events) {
            engine.execute(() -> List.of(events).forEach(listener::onEvent));
        }

        void succeed() {
            ClusterSummary cluster = new ClusterSummary("c-rke01", name, ClusterKind.RKE, "Pending", "v1.32.4", 9);
            emit(new ProvisioningEvent.Succeeded(cluster, Duration.ofSeconds(42)));
            engine.execute(() -> clusters.emit(ApiEvent.Type.ADDED, cluster));
        }

        @Override
        public void cancel() {
            cancelled = true;
            emit(new ProvisioningEvent.LogLine("", "cancel requested"), new ProvisioningEvent.Failed(
                    "cancelled by the user before the control plane. Completed: PREPARE, ETCD.",
                    "Nothing is left half-done: provision again with the same name to resume from the last completed plane.", Map.of(), true));
        }

        @Override
        public CompletableFuture<ClusterSummary> completion() {
            return completion;
        }
    }

    @Override
    public CompletableFuture<List<ClusterYamlProblem>> validateClusterYaml(String clusterYaml) {
        validations.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            List<ClusterYamlProblem> problems = new ArrayList<>();
            List<String> lines = clusterYaml.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("wroker")) {
                    problems.add(new ClusterYamlProblem(i + 1, "nodes[0].role", "unknown role \"wroker\"; roles are etcd, controlplane and worker"));
                }
            }
            if (clusterYaml.isBlank()) {
                problems.add(new ClusterYamlProblem(0, "(file)", "is empty; it needs at least a nodes: list"));
            }
            return problems;
        }, engine);
    }

    @Override
    public CompletableFuture<String> renderClusterYaml(RkeClusterSpec spec) {
        lastSpec = spec;
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder yaml = new StringBuilder("# cluster.yml for " + spec.name() + "\ncluster_name: " + spec.name()
                    + "\nkubernetes_version: " + spec.kubernetesVersion() + "\nnodes:\n");
            spec.nodes().forEach(n -> yaml.append("  - address: ").append(n.access().address()).append("\n    user: ").append(n.access().user())
                    .append("\n    role: [").append(String.join(", ", n.roles().stream().sorted().map(r -> r.yamlName()).toList())).append("]\n"));
            yaml.append("network:\n  plugin: ").append(spec.networkPlugin()).append("\nupgrade_strategy:\n  max_unavailable_worker: ")
                    .append(spec.maxUnavailableWorker()).append("\n  max_unavailable_controlplane: \"").append(spec.maxUnavailableControlplane()).append("\"\n");
            return yaml.toString();
        }, engine);
    }

    @Override
    public CompletableFuture<SshTestResult> testSshNode(NodeAccess access) {
        return CompletableFuture.supplyAsync(() -> sshAnswers.getOrDefault(access.address(), new SshTestResult(true, true,
                "SHA256:q7Zc1vLh0aS2m3XyTz9bQe4rN5uW6kJ8dF0gH1iO2pA", "Logged in as " + access.user() + "@" + access.address()
                + " and it can run cluster components.")), engine);
    }

    @Override
    public ProvisioningRun provisionRkeCluster(String name, String clusterYaml, ProvisioningListener listener) {
        run = new FakeRun(name, clusterYaml, listener);
        return run;
    }

    @Override
    public EngineInfo info() {
        return clusters.info();
    }

    @Override
    public CompletableFuture<List<ClusterSummary>> listClusters() {
        return clusters.listClusters();
    }

    @Override
    public CompletableFuture<ClusterSummary> createCluster(NewCluster request) {
        return clusters.createCluster(request);
    }

    @Override
    public CompletableFuture<ClusterImport> importCluster(String clusterId) {
        return clusters.importCluster(clusterId);
    }

    @Override
    public CompletableFuture<Void> deleteCluster(String clusterId) {
        return clusters.deleteCluster(clusterId);
    }

    @Override
    public dev.drover.engine.api.Subscription watchClusters(Consumer<ApiEvent<ClusterSummary>> listener) {
        return clusters.watchClusters(listener);
    }

    @Override
    public void close() {
        clusters.close();
    }
}
