package dev.drover.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.kubeconfig.Kubeconfig;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster detail, events, projects, members, users, node pools and kubeconfig part of the
 * {@link ManagementApi} contract, against a direct cluster whose API server is a {@link MockDownstream}.
 */
public abstract class AdministrationContract {

    private static final Duration WAIT = Duration.ofSeconds(20);
    protected static MockDownstream downstream;

    @TempDir
    Path files;

    protected abstract ManagementApi api();

    /** Puts a node pool of {@code quantity} into the engine's store (there is no API to create one yet). */
    protected abstract void seedNodePool(String clusterId, String poolId, int quantity);

    @BeforeAll
    static void startDownstream() {
        downstream = new MockDownstream();
    }

    @AfterAll
    static void stopDownstream() {
        downstream.close();
    }

    private static <T> T done(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static ApiException failed(CompletableFuture<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ApiException.class);
            return (ApiException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError("expected the command to fail, but: " + e, e);
        }
        throw new AssertionError("expected the command to fail, but it succeeded");
    }

    private static String unique(String prefix) {
        return prefix + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    private ClusterSummary directCluster() throws Exception {
        return done(api().createCluster(new NewCluster(unique("direct-"), ClusterKind.DIRECT, downstream.url(),
                new DirectCredential("downstream-token", downstream.certificatePem()))));
    }

    @Test
    void clusterDetailShowsConditionsLiveNodesAndConditionEvents() throws Exception {
        // given
        ClusterSummary cluster = directCluster();
        // when / then
        await().atMost(WAIT).untilAsserted(() -> {
            ClusterDetail detail = done(api().getCluster(cluster.id()));
            assertThat(detail.summary().id()).isEqualTo(cluster.id());
            assertThat(detail.conditions()).anySatisfy(c -> {
                assertThat(c.type()).isEqualTo("Ready");
                assertThat(c.status()).isEqualTo("True");
            });
            assertThat(detail.nodesMessage()).isEmpty();
            assertThat(detail.nodes()).singleElement().satisfies(node -> {
                assertThat(node.name()).isEqualTo("cp-1");
                assertThat(node.roles()).containsExactly("control-plane");
                assertThat(node.ready()).isTrue();
                assertThat(node.cpuMillis()).isEqualTo(4000);
                assertThat(node.memoryBytes()).isEqualTo(8L << 30);
            });
            assertThat(detail.recentEvents()).anySatisfy(e -> {
                assertThat(e.reason()).isEqualTo("Healthy");
                assertThat(e.type()).isEqualTo("Normal");
                assertThat(e.involvedObject()).isEqualTo("Cluster/" + cluster.id());
                assertThat(e.count()).isEqualTo(1);
            });
        });
        assertThat(failed(api().getCluster("c-nope0")).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
    }

    @Test
    void anUnreachableClusterStillHasADetailSayingWhyNodesAreMissing() throws Exception {
        // given (port 1 of loopback refuses at once)
        ClusterSummary cluster = done(api().createCluster(new NewCluster(unique("dead-"), ClusterKind.DIRECT, "https://127.0.0.1:1",
                new DirectCredential("t", downstream.certificatePem()))));
        // when / then
        await().atMost(WAIT).untilAsserted(() -> {
            ClusterDetail detail = done(api().getCluster(cluster.id()));
            assertThat(detail.nodes()).isEmpty();
            assertThat(detail.nodesMessage()).startsWith("The cluster cannot be reached");
            assertThat(detail.recentEvents()).anySatisfy(e -> {
                assertThat(e.reason()).isEqualTo("Unreachable");
                assertThat(e.type()).isEqualTo("Warning");
            });
        });
    }

    @Test
    void userActionsAreEventsWatchedAsTheyHappen() throws Exception {
        // given
        ClusterSummary cluster = done(api().createCluster(new NewCluster(unique("ev-"), ClusterKind.IMPORTED, "")));
        List<ApiEvent<ClusterEvent>> seen = new CopyOnWriteArrayList<>();
        try (Subscription watch = api().watchClusterEvents(cluster.id(), seen::add)) {
            // when
            ProjectSummary project = done(api().createProject(cluster.id(), new NewProject("team-a", null)));
            done(api().deleteProject(cluster.id(), project.id()));
            // then
            await().atMost(WAIT).untilAsserted(() -> assertThat(seen).extracting(e -> e.object().reason())
                    .contains("ProjectCreated", "ProjectDeleted"));
        }
        List<ClusterEvent> listed = done(api().listClusterEvents(cluster.id()));
        assertThat(listed).extracting(ClusterEvent::reason).containsSubsequence("ProjectDeleted", "ProjectCreated");
        assertThat(listed).allSatisfy(e -> assertThat(e.clusterId()).isEqualTo(cluster.id()));
        assertThat(failed(api().listClusterEvents("c-nope0")).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
    }

    @Test
    void projectsHaveUniqueNamesAndCheckedQuotas() throws Exception {
        // given
        ClusterSummary cluster = done(api().createCluster(new NewCluster(unique("pr-"), ClusterKind.IMPORTED, "")));
        ProjectQuota quota = new ProjectQuota("4", "8Gi", "100", "1", "2Gi");
        // when
        ProjectSummary created = done(api().createProject(cluster.id(), new NewProject("Web", quota)));
        // then
        assertThat(created.id()).matches("p-[a-z0-9]{5}");
        assertThat(done(api().listProjects(cluster.id()))).containsExactly(created);
        assertThat(created.quota()).isEqualTo(quota);
        assertThat(failed(api().createProject(cluster.id(), new NewProject(" web ", null))).reason())
                .isEqualTo(ApiException.Reason.ALREADY_EXISTS);
        assertThat(failed(api().createProject(cluster.id(), new NewProject("other", new ProjectQuota("lots", "", "", "", "")))))
                .hasMessageContaining("quota.cpu").extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
        assertThat(failed(api().createProject(cluster.id(), new NewProject(" ", null)))).hasMessageContaining("displayName");
        assertThat(done(api().listProjects(cluster.id()))).hasSize(1);
        done(api().deleteProject(cluster.id(), created.id()));
        assertThat(done(api().listProjects(cluster.id()))).isEmpty();
        assertThat(failed(api().deleteProject(cluster.id(), created.id())).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
        assertThat(done(api().createProject(cluster.id(), new NewProject("web", null))).displayName()).isEqualTo("web");
    }

    @Test
    void namespacesMoveBetweenProjectsByTheirAnnotation() throws Exception {
        // given
        ClusterSummary cluster = directCluster();
        String namespace = unique("ns-");
        downstream.createNamespace(namespace);
        ProjectSummary project = done(api().createProject(cluster.id(), new NewProject("apps", null)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(done(api().listNamespaces(cluster.id())))
                .contains(new NamespaceSummary(cluster.id(), namespace, "")));
        // when
        done(api().moveNamespace(cluster.id(), namespace, project.id()));
        // then
        assertThat(downstream.client().namespaces().withName(namespace).get().getMetadata().getAnnotations())
                .containsEntry("drover.dev/project-id", cluster.id() + ":" + project.id());
        await().atMost(WAIT).untilAsserted(() -> assertThat(done(api().listNamespaces(cluster.id())))
                .contains(new NamespaceSummary(cluster.id(), namespace, project.id())));
        assertThat(failed(api().moveNamespace(cluster.id(), "no-such-namespace", project.id())))
                .hasMessageContaining("not a namespace of cluster").extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
        assertThat(failed(api().moveNamespace(cluster.id(), namespace, "p-nope0")))
                .hasMessageContaining("not a project").extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
        assertThat(downstream.client().namespaces().withName(namespace).get().getMetadata().getAnnotations())
                .containsEntry("drover.dev/project-id", cluster.id() + ":" + project.id());
        done(api().moveNamespace(cluster.id(), namespace, ""));
        assertThat(downstream.client().namespaces().withName(namespace).get().getMetadata().getAnnotations())
                .doesNotContainKey("drover.dev/project-id");
    }

    @Test
    void membersNeedAKnownUserAndATemplateOfTheRightContext() throws Exception {
        // given
        ClusterSummary cluster = directCluster();
        String username = unique("member-");
        done(api().createUser(new NewUser(username, "Member", "a-long-enough-secret".toCharArray(), false)));
        ProjectSummary project = done(api().createProject(cluster.id(), new NewProject("team", null)));
        // when
        Member owner = done(api().addMember(new NewMember(cluster.id(), "", username, false, "cluster-owner")));
        Member inProject = done(api().addMember(new NewMember(cluster.id(), project.id(), "devs", true, "project-member")));
        // then
        assertThat(done(api().listMembers(cluster.id(), ""))).containsExactly(owner);
        assertThat(done(api().listMembers(cluster.id(), project.id()))).containsExactly(inProject);
        await().atMost(WAIT).untilAsserted(() -> assertThat(downstream.client().rbac().clusterRoleBindings().list().getItems())
                .flatExtracting(ClusterRoleBinding::getSubjects).anySatisfy(s -> assertThat(s.getName()).isEqualTo(username)));
        assertThat(failed(api().addMember(new NewMember(cluster.id(), "", username, false, "project-owner"))))
                .hasMessageContaining("applies to a project").extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
        assertThat(failed(api().addMember(new NewMember(cluster.id(), "", username, false, "no-such-role"))))
                .hasMessageContaining("roleTemplateId").extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
        assertThat(failed(api().addMember(new NewMember(cluster.id(), "", "nobody-" + username, false, "cluster-member"))))
                .hasMessageContaining("no user").extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
        assertThat(failed(api().addMember(new NewMember(cluster.id(), "", username, false, "cluster-owner"))).reason())
                .isEqualTo(ApiException.Reason.ALREADY_EXISTS);
        assertThat(done(api().listMembers(cluster.id(), ""))).hasSize(1);
        done(api().removeMember(cluster.id(), owner.id()));
        assertThat(done(api().listMembers(cluster.id(), ""))).isEmpty();
        assertThat(failed(api().removeMember(cluster.id(), owner.id())).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
    }

    @Test
    void usersAreCreatedCheckedDisabledAndDeleted() throws Exception {
        // given
        String username = unique("user-");
        // when
        UserSummary created = done(api().createUser(new NewUser(username, "A User", "correct-horse-battery".toCharArray(), false)));
        // then
        assertThat(created).isEqualTo(new UserSummary(username, "A User", "local", true, false));
        assertThat(done(api().listUsers())).contains(created);
        assertThat(failed(api().createUser(new NewUser(username, "Again", "another-long-secret".toCharArray(), false))).reason())
                .isEqualTo(ApiException.Reason.ALREADY_EXISTS);
        String weak = unique("weak-");
        assertThat(failed(api().createUser(new NewUser(weak, null, "short".toCharArray(), false))))
                .hasMessageContaining("password").extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
        assertThat(failed(api().createUser(new NewUser(weak, null, new char[0], false))).reason()).isEqualTo(ApiException.Reason.INVALID);
        assertThat(failed(api().createUser(new NewUser("Not Valid!", null, "correct-horse-battery".toCharArray(), false))))
                .hasMessageContaining("username");
        assertThat(done(api().listUsers())).extracting(UserSummary::username).doesNotContain(weak);
        assertThat(done(api().setUserEnabled(username, false)).enabled()).isFalse();
        assertThat(done(api().setUserEnabled(username, false)).enabled()).isFalse();
        done(api().deleteUser(username));
        assertThat(done(api().listUsers())).extracting(UserSummary::username).doesNotContain(username);
        assertThat(failed(api().deleteUser(username)).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
        assertThat(failed(api().setUserEnabled(username, true)).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
    }

    @Test
    void nodePoolsScaleButNeverBelowZero() throws Exception {
        // given
        ClusterSummary cluster = done(api().createCluster(new NewCluster(unique("rke-"), ClusterKind.RKE, "")));
        seedNodePool(cluster.id(), "workers", 0);
        // when
        NodePoolSummary scaled = done(api().scaleNodePool(cluster.id(), "workers", 3));
        // then
        assertThat(scaled.quantity()).isEqualTo(3);
        assertThat(done(api().listNodePools(cluster.id()))).singleElement().extracting(NodePoolSummary::quantity).isEqualTo(3);
        assertThat(failed(api().scaleNodePool(cluster.id(), "workers", -1))).hasMessageContaining("quantity")
                .extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
        assertThat(done(api().listNodePools(cluster.id()))).singleElement().extracting(NodePoolSummary::quantity).isEqualTo(3);
        assertThat(failed(api().scaleNodePool(cluster.id(), "nope", 1)).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
        assertThat(done(api().listClusterEvents(cluster.id()))).extracting(ClusterEvent::reason).contains("NodePoolScaled");
    }

    @Test
    void exportedKubeconfigsAreVaultedAndSavedOwnerOnlyAndKubectlReadsThem() throws Exception {
        // given
        ClusterSummary cluster = directCluster();
        boolean lab = api().info().mode() == EngineMode.LAB;
        // when
        ExportedKubeconfig exported = done(api().exportKubeconfig(new KubeconfigExport(List.of(cluster.id()), !lab, true)));
        Path target = files.resolve("out").resolve("config");
        done(api().saveKubeconfig(exported.yaml(), target));
        // then
        Path vaulted = Path.of(exported.vaultFile());
        assertThat(Files.readString(vaulted)).isEqualTo(exported.yaml());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vaulted))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        String viewed = kubectl(target, "config", "view", "--raw");
        Kubeconfig expected = Kubeconfig.parse(exported.yaml());
        assertThat(Kubeconfig.parse(viewed).contexts()).isEqualTo(expected.contexts());
        String name = cluster.displayName();
        List<String> names = new ArrayList<>(expected.contexts().stream().map(Kubeconfig.Context::name).toList());
        assertThat(names).contains(name + "-fqdn");
        assertThat(expected.contexts()).filteredOn(c -> c.name().equals(name + "-fqdn")).singleElement().satisfies(c -> {
            assertThat(c.server()).isEqualTo(downstream.url());
            assertThat(c.caPem().strip()).isEqualTo(downstream.certificatePem().strip());
        });
        if (lab) {
            assertThat(failed(api().exportKubeconfig(new KubeconfigExport(List.of(cluster.id()), true, false))).reason())
                    .isEqualTo(ApiException.Reason.UNAVAILABLE);
        } else {
            assertThat(names).contains(name);
            assertThat(expected.contexts()).filteredOn(c -> c.name().equals(name)).singleElement()
                    .satisfies(c -> assertThat(c.server()).endsWith("/k8s/clusters/" + cluster.id()));
        }
        assertThat(failed(api().exportKubeconfig(new KubeconfigExport(List.of(), true, true))).reason()).isEqualTo(ApiException.Reason.INVALID);
        assertThat(failed(api().exportKubeconfig(new KubeconfigExport(List.of("c-nope0"), true, true))).reason())
                .isEqualTo(ApiException.Reason.NOT_FOUND);
        assertThat(failed(api().saveKubeconfig("not: a kubeconfig", target))).hasMessageContaining("kubeconfig")
                .extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
        assertThat(Files.readString(target)).isEqualTo(exported.yaml());
    }

    static String kubectl(Path kubeconfig, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl %s: %s", String.join(" ", args), output).isZero();
        return output;
    }
}
