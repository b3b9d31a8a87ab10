package dev.drover.engine.api;

import static dev.drover.engine.api.ManagementApiContract.failureOf;
import static dev.drover.engine.api.ManagementApiContract.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's engine calls that need no machine: cluster.yml rendering and validation, and runs refused up front. */
class LocalProvisioningTest {

    @TempDir
    Path dataDirectory;

    private LocalManagementApi api;

    @BeforeEach
    void open() {
        api = LocalManagementApi.openLab(dataDirectory);
    }

    @AfterEach
    void close() {
        api.close();
    }

    private static RkeClusterSpec spec(String name) {
        return RkeClusterSpec.defaults(name, List.of(
                new RkeNodeSpec(new NodeAccess("10.0.0.1", 22, "ubuntu", "~/.ssh/id_ed25519"), Set.of(RkeRole.ETCD, RkeRole.CONTROLPLANE)),
                new RkeNodeSpec(new NodeAccess("10.0.0.2", 2222, "yes", "/keys/my key"), Set.of(RkeRole.WORKER))));
    }

    @Test
    void aRenderedClusterYamlIsValidAndSaysWhatTheWizardWasTold() throws Exception {
        // given
        RkeClusterSpec spec = new RkeClusterSpec("prod: eu", "v1.31.8-rancher1-1", "calico", spec("x").nodes(), true, "k8s.example.com",
                true, 6, 4, "2", "1");
        // when
        String yaml = result(api.renderClusterYaml(spec));
        // then: quoted where YAML would read something else, RKE's keys
        assertThat(yaml).contains("cluster_name: \"prod: eu\"", "kubernetes_version: v1.31.8-rancher1-1", "plugin: calico",
                "role: [etcd, controlplane]", "user: \"yes\"", "port: 2222", "ssh_key_path: \"/keys/my key\"", "fqdn: k8s.example.com",
                "interval_hours: 6", "retention: 4", "max_unavailable_worker: \"2\"", "max_unavailable_controlplane: \"1\"");
        assertThat(result(api.validateClusterYaml(yaml))).isEmpty();
    }

    @Test
    void problemsNameTheLineAndTheField() throws Exception {
        // given: the second node has a role RKE does not know, on line 7
        String yaml = """
                cluster_name: lab
                nodes:
                  - address: 10.0.0.1
                    user: ubuntu
                    role: [etcd, controlplane, worker]
                  - address: 10.0.0.2
                    user: ubuntu
                    role: [wroker]
                """;
        // when
        List<ClusterYamlProblem> problems = result(api.validateClusterYaml(yaml));
        // then
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.field()).isEqualTo("nodes[1].role");
            assertThat(p.message()).contains("unknown role \"wroker\"");
        });
        assertThat(result(api.validateClusterYaml("nodes: [oops"))).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("not valid YAML"));
    }

    @Test
    void aRunWithABadClusterYamlEndsAtOnceWithAHintAndRegistersNothing() throws Exception {
        // given
        RecordingProvisioningListener listener = new RecordingProvisioningListener();
        // when
        ProvisioningRun run = api.provisionRkeCluster("lab", "nodes: []\n", listener);
        // then
        await().atMost(Duration.ofSeconds(10)).until(listener::ended);
        assertThat(listener.last()).isInstanceOfSatisfying(ProvisioningEvent.Failed.class, failed -> {
            assertThat(failed.message()).contains("nothing was touched");
            assertThat(failed.hint()).contains("review step", "line 1: nodes: needs at least one node");
            assertThat(failed.cancelled()).isFalse();
        });
        assertThat(failureOf(run.completion()).reason()).isEqualTo(ApiException.Reason.INVALID);
        assertThat(result(api.listClusters())).isEmpty();
        assertThat(dataDirectory.resolve("rke")).doesNotExist();
    }

    @Test
    void aTakenNameIsRefusedBeforeAnyMachineIsTouched() throws Exception {
        // given
        result(api.createCluster(new NewCluster("Prod", ClusterKind.IMPORTED, "")));
        String yaml = result(api.renderClusterYaml(spec("prod")));
        RecordingProvisioningListener listener = new RecordingProvisioningListener();
        // when
        ProvisioningRun run = api.provisionRkeCluster("prod", yaml, listener);
        // then
        assertThat(failureOf(run.completion()).reason()).isEqualTo(ApiException.Reason.ALREADY_EXISTS);
        assertThat(listener.events).singleElement().isInstanceOfSatisfying(ProvisioningEvent.Failed.class,
                failed -> assertThat(failed.hint()).isEqualTo("Choose another name on the first step."));
    }

    @Test
    void testSshNeedsAnAddressAndAUser() {
        assertThat(failureOf(api.testSshNode(new NodeAccess(" ", 22, "root", ""))).getMessage())
                .isEqualTo("address: enter the machine's host name or IP address.");
        assertThat(failureOf(api.testSshNode(new NodeAccess("10.0.0.1", 22, "", ""))).reason()).isEqualTo(ApiException.Reason.INVALID);
    }
}
