package dev.drover.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.model.Project;
import dev.drover.engine.model.RoleBinding;
import dev.drover.engine.model.RoleTemplate;
import dev.drover.engine.rbac.BuiltinRoleTemplates;
import dev.drover.engine.reconcile.projectnamespaces.ProjectNamespacesReconciler;
import dev.drover.engine.reconcile.rbacsync.RbacSyncReconciler;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both reconcilers against a real store and fabric8's CRUD mock API server as the downstream cluster. */
@EnableKubernetesMockClient(crud = true)
class ProjectAndRbacReconcilersTest {

    private static final String CLUSTER = "c-test1";

    static KubernetesClient client;

    @TempDir
    Path directory;
    private SqliteResourceStore store;
    private ProjectNamespacesReconciler namespaces;
    private RbacSyncReconciler rbac;

    @BeforeEach
    void open() {
        store = SqliteResourceStore.open(directory);
        DownstreamFixture clients = new DownstreamFixture().with(CLUSTER, client);
        namespaces = new ProjectNamespacesReconciler(store, clients);
        rbac = new RbacSyncReconciler(store, clients);
        JsonCodec<RoleTemplate> codec = new JsonCodec<>(RoleTemplate.class);
        BuiltinRoleTemplates.ALL.forEach(t -> store.create(ObjectKey.of(RoleTemplate.KIND, t.id()), Map.of(), codec.encode(t)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void project(String id, Project.ResourceQuota quota) {
        store.create(new ObjectKey(Project.KIND, CLUSTER, id), Map.of(),
                new JsonCodec<>(Project.class).encode(new Project(CLUSTER, id, id, quota)));
    }

    private void namespace(String name, String annotation) {
        var builder = new NamespaceBuilder().withNewMetadata().withName(name);
        if (annotation != null) {
            builder.addToAnnotations(Project.ANNOTATION, annotation);
        }
        client.namespaces().resource(builder.endMetadata().build()).create();
    }

    private void bind(String id, String project, String template, String subject, boolean group) {
        store.create(new ObjectKey(RoleBinding.KIND, CLUSTER, id), Map.of(),
                new JsonCodec<>(RoleBinding.class).encode(new RoleBinding(CLUSTER, project, id, template, subject, group)));
    }

    @Test
    void namespacesJoinTheirProjectWithLabelAndQuotaAndLoseThemWhenItIsDeleted() throws Exception {
        // given
        project("p-web", new Project.ResourceQuota("8", "16Gi", "", "2", "4Gi"));
        namespace("web-prod", CLUSTER + ":p-web");
        namespace("elsewhere", "c-other:p-web");
        namespace("plain", null);
        // when
        namespaces.reconcile(CLUSTER);
        // then
        assertThat(client.namespaces().withName("web-prod").get().getMetadata().getLabels())
                .containsEntry(ProjectNamespacesReconciler.PROJECT_LABEL, "p-web");
        var quota = client.resourceQuotas().inNamespace("web-prod").withName("drover-project-quota").get();
        assertThat(quota.getSpec().getHard()).containsEntry("limits.cpu", new Quantity("2")).containsEntry("limits.memory", new Quantity("4Gi"));
        assertThat(client.namespaces().withName("elsewhere").get().getMetadata().getLabels()).doesNotContainKey(ProjectNamespacesReconciler.PROJECT_LABEL);
        assertThat(client.namespaces().withName("plain").get().getMetadata().getLabels()).doesNotContainKey(ProjectNamespacesReconciler.PROJECT_LABEL);

        // when the project is deleted
        store.delete(new ObjectKey(Project.KIND, CLUSTER, "p-web"), 0);
        namespaces.reconcile(CLUSTER);
        // then
        var released = client.namespaces().withName("web-prod").get().getMetadata();
        assertThat(released.getLabels()).doesNotContainKey(ProjectNamespacesReconciler.PROJECT_LABEL);
        assertThat(released.getAnnotations()).as("the user's annotation is never removed on a guess").containsKey(Project.ANNOTATION);
        assertThat(client.resourceQuotas().inNamespace("web-prod").withName("drover-project-quota").get()).isNull();
        assertThat(client.namespaces().withName("elsewhere").get().getMetadata().getAnnotations()).containsKey(Project.ANNOTATION);
    }

    @Test
    void movingANamespaceMovesItsRoleBindings() throws Exception {
        // given
        project("p-a", null);
        project("p-b", null);
        namespace("team", CLUSTER + ":p-a");
        bind("rb-alice", "p-a", "project-member", "alice", false);
        bind("rb-devs", "p-b", "read-only", "devs", true);
        bind("rb-owner", "", "cluster-owner", "bob", false);
        namespaces.reconcile(CLUSTER);
        // when
        rbac.reconcile(CLUSTER);
        // then
        assertThat(client.rbac().roleBindings().inNamespace("team").withName("drover-rb-alice").get().getSubjects().getFirst().getName())
                .isEqualTo("alice");
        assertThat(client.rbac().clusterRoleBindings().withName("drover-rb-owner").get().getRoleRef().getName()).isEqualTo("drover-rt-cluster-owner");
        assertThat(client.rbac().clusterRoles().withName("drover-rt-project-member").get().getRules()).isNotEmpty();

        // when the namespace moves to p-b
        client.namespaces().withName("team").edit(ns -> {
            ns.getMetadata().getAnnotations().put(Project.ANNOTATION, CLUSTER + ":p-b");
            return ns;
        });
        namespaces.reconcile(CLUSTER);
        rbac.reconcile(CLUSTER);
        // then
        assertThat(client.rbac().roleBindings().inNamespace("team").withName("drover-rb-alice").get()).isNull();
        var devs = client.rbac().roleBindings().inNamespace("team").withName("drover-rb-devs").get();
        assertThat(devs.getSubjects().getFirst().getKind()).isEqualTo("Group");
        assertThat(devs.getRoleRef().getName()).isEqualTo("drover-rt-read-only");

        // when the last binding of project-member goes
        store.delete(new ObjectKey(RoleBinding.KIND, CLUSTER, "rb-alice"), 0);
        rbac.reconcile(CLUSTER);
        // then its ClusterRole goes too
        assertThat(client.rbac().clusterRoles().withName("drover-rt-project-member").get()).isNull();
        assertThat(client.rbac().clusterRoles().withName("drover-rt-read-only").get()).isNotNull();
    }

    @Test
    void objectsDroverDidNotMakeAreNeverTouched() throws Exception {
        // given a user's own binding with a drover-like name
        client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName("drover-mine").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view").build()).create();
        // when
        rbac.reconcile(CLUSTER);
        // then
        assertThat(client.rbac().clusterRoleBindings().withName("drover-mine").get()).isNotNull();
    }
}
