package dev.drover.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ClusterImport;
import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.ClusterSummary;
import dev.drover.engine.api.DirectCredential;
import dev.drover.engine.api.NewCluster;
import dev.drover.engine.api.RemoteManagementApi;
import dev.drover.engine.model.Project;
import dev.drover.engine.model.RoleBinding;
import dev.drover.engine.reconcile.projectnamespaces.ProjectNamespacesReconciler;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.server.DroverServer;
import dev.drover.server.api.ServerHarness;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two downstream clusters under one server — one behind an agent tunnel, one reached directly — driven
 * through the remote API, with the engine's reconcilers acting on them through the server's clients.
 */
class FleetIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;
    private DroverServer server;
    private String password;
    private MockClusters edge;
    private MockClusters core;

    @BeforeEach
    void start() {
        server = ServerHarness.start(directory.resolve("data"), 0);
        password = ServerHarness.password(server);
        edge = MockClusters.tls("v1.31.4");
        core = MockClusters.tls("v1.30.8");
    }

    @AfterEach
    void stop() {
        server.close();
        edge.close();
        core.close();
    }

    @Test
    void bothClustersBecomeReadyAndProjectsAndBindingsReachThem() throws Exception {
        try (RemoteManagementApi console = ServerHarness.connect(server, "admin", password)) {
            List<ApiEvent<ClusterSummary>> events = new CopyOnWriteArrayList<>();
            console.watchClusters(events::add);
            // given: an imported cluster whose agent dials in, and a direct cluster with a token
            ClusterSummary imported = get(console.createCluster(new NewCluster("edge", ClusterKind.IMPORTED, "")));
            try (FleetAgent agent = agentFor(console, imported).start()) {
                ClusterSummary direct = get(console.createCluster(new NewCluster("core", ClusterKind.DIRECT, core.url(),
                        new DirectCredential("core-token", core.certificatePem()))));
                // when / then: both are checked through Drover's own clients and turn Active
                await().atMost(WAIT).untilAsserted(() -> assertThat(latest(events, imported.id()))
                        .hasValueSatisfying(c -> assertThat(c.state() + " " + c.kubernetesVersion()).isEqualTo("Active v1.31.4")));
                await().atMost(WAIT).untilAsserted(() -> assertThat(latest(events, direct.id()))
                        .hasValueSatisfying(c -> assertThat(c.state() + " " + c.kubernetesVersion()).isEqualTo("Active v1.30.8")));
                await().atMost(WAIT).until(() -> server.engine().workloads().hasSynced(imported.id())
                        && server.engine().workloads().hasSynced(direct.id()));

                // given: two projects in the imported cluster, a member binding in each, a namespace in the first
                createProject(imported.id(), "p-front");
                createProject(imported.id(), "p-back");
                createBinding(new RoleBinding(imported.id(), "p-front", "rb-front", "project-member", "alice", false));
                createBinding(new RoleBinding(imported.id(), "p-back", "rb-back", "project-member", "bob", false));
                edge.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop")
                        .addToAnnotations(Project.ANNOTATION, imported.id() + ":p-front").endMetadata().build()).create();
                await().atMost(WAIT).untilAsserted(() -> assertThat(projectLabel("shop")).isEqualTo("p-front"));
                await().atMost(WAIT).until(() -> edge.client.rbac().roleBindings().inNamespace("shop").withName("drover-rb-front").get() != null);
                // when: the namespace moves to the other project, by its annotation, downstream
                edge.client.namespaces().withName("shop").edit(ns -> {
                    ns.getMetadata().getAnnotations().put(Project.ANNOTATION, imported.id() + ":p-back");
                    return ns;
                });
                // then: the label and the project's bindings follow, without waiting for a resync
                await().atMost(WAIT).untilAsserted(() -> assertThat(projectLabel("shop")).isEqualTo("p-back"));
                await().atMost(WAIT).until(() -> edge.client.rbac().roleBindings().inNamespace("shop").withName("drover-rb-back").get() != null
                        && edge.client.rbac().roleBindings().inNamespace("shop").withName("drover-rb-front").get() == null);

                // when: a cluster-wide binding is granted on the direct cluster
                createBinding(new RoleBinding(direct.id(), "", "rb-ops", "cluster-member", "ops", true));
                // then
                await().atMost(WAIT).untilAsserted(() -> assertThat(core.client.rbac().clusterRoleBindings().withName("drover-rb-ops").get())
                        .isNotNull().satisfies(b -> assertThat(b.getSubjects()).singleElement()
                                .satisfies(s -> assertThat(s.getKind() + "/" + s.getName()).isEqualTo("Group/ops"))));
            }
        }
    }

    @Test
    void aRestartedServerKeepsClustersUsersAndTokensAndItsAgentComesBack() throws Exception {
        // given: a running fleet and a console token
        String token = ServerHarness.login(server, "admin", password);
        String fingerprint = server.caChecksum();
        ClusterSummary imported;
        FleetAgent agent;
        try (RemoteManagementApi console = ServerHarness.connectWithToken(server, token)) {
            imported = get(console.createCluster(new NewCluster("edge", ClusterKind.IMPORTED, "")));
            get(console.createCluster(new NewCluster("core", ClusterKind.DIRECT, core.url(), new DirectCredential("core-token", core.certificatePem()))));
            agent = agentFor(console, imported).start();
        }
        try (agent) {
            await().atMost(WAIT).until(() -> state(server, imported.id()).equals("Active"));
            // when: the server stops and starts again on the same port and data directory
            int port = server.port();
            server.close();
            server = ServerHarness.start(directory.resolve("data"), port);
            // then: same CA, no new bootstrap password, the old token and the admin password still work
            assertThat(server.caChecksum()).isEqualTo(fingerprint);
            assertThat(server.takeBootstrapPassword()).isEmpty();
            try (RemoteManagementApi console = ServerHarness.connectWithToken(server, token);
                 RemoteManagementApi again = ServerHarness.connect(server, "admin", password)) {
                assertThat(get(again.listClusters())).extracting(ClusterSummary::displayName).containsExactly("core", "edge");
                // and the agent is back and its cluster Active through the new server's tunnel
                await().atMost(WAIT).until(() -> server.sessions().state(imported.id()).clusterAgent());
                await().atMost(WAIT).untilAsserted(() -> assertThat(get(console.listClusters()))
                        .extracting(c -> c.displayName() + " " + c.state()).containsExactly("core Active", "edge Active"));
            }
        }
    }

    /** Runs the import command's manifest through the server and starts an agent with what it says. */
    private FleetAgent agentFor(RemoteManagementApi console, ClusterSummary cluster) throws Exception {
        ClusterImport command = get(console.importCluster(cluster.id()));
        String manifest = dev.drover.server.api.RawHttp.call(server, io.vertx.core.http.HttpMethod.GET,
                URI.create(command.manifestUrl()).getPath(), null, null).body();
        return new FleetAgent(URI.create(server.url()), server.caPem(), registrationToken(manifest), edge.url(), "edge-token",
                edge.certificatePem());
    }

    @SuppressWarnings("unchecked")
    private static String registrationToken(String manifest) {
        for (Object document : new org.yaml.snakeyaml.Yaml().loadAll(manifest)) {
            Map<String, Object> object = (Map<String, Object>) document;
            if ("Secret".equals(object.get("kind")) && object.get("data") != null) {
                return new String(java.util.Base64.getDecoder().decode((String) ((Map<String, Object>) object.get("data")).get("token")),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no registration token in the manifest");
    }

    private String projectLabel(String namespace) {
        Map<String, String> labels = edge.client.namespaces().withName(namespace).get().getMetadata().getLabels();
        return labels == null ? null : labels.get(ProjectNamespacesReconciler.PROJECT_LABEL);
    }

    private void createProject(String clusterId, String projectId) {
        server.store().create(new ObjectKey(Project.KIND, clusterId, projectId), Map.of(),
                new JsonCodec<>(Project.class).encode(new Project(clusterId, projectId, projectId, null)));
    }

    private void createBinding(RoleBinding binding) {
        server.store().create(new ObjectKey(RoleBinding.KIND, binding.clusterId(), binding.id()), Map.of(),
                new JsonCodec<>(RoleBinding.class).encode(binding));
    }

    private static String state(DroverServer server, String clusterId) throws Exception {
        return get(server.api().listClusters()).stream().filter(c -> c.id().equals(clusterId)).findFirst()
                .map(ClusterSummary::state).orElse("");
    }

    private static Optional<ClusterSummary> latest(List<ApiEvent<ClusterSummary>> events, String clusterId) {
        return events.reversed().stream().filter(e -> e.object().id().equals(clusterId)).findFirst().map(ApiEvent::object);
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }
}
