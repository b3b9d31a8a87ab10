package dev.drover.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.ClusterYamlProblem;
import dev.drover.engine.api.NewCluster;
import dev.drover.engine.api.NodeAccess;
import dev.drover.engine.api.ProvisioningEvent;
import dev.drover.engine.api.ProvisioningRun;
import dev.drover.engine.api.RemoteManagementApi;
import dev.drover.engine.api.RkeClusterSpec;
import dev.drover.engine.api.RkeNodeSpec;
import dev.drover.engine.api.RkeRole;
import dev.drover.server.DroverServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's calls from a remote console to a real server over real TLS: validate and render as requests,
 * a provisioning run's events over its WebSocket. (Runs that reach machines are covered in lab mode by the
 * engine's LocalProvisioningIT; the server calls the very same LocalManagementApi.)
 */
class RemoteProvisioningIT {

    @TempDir
    static Path data;
    private static DroverServer server;
    private static String adminPassword;
    private RemoteManagementApi api;

    @BeforeAll
    static void startServer() {
        server = ServerHarness.start(data, 0);
        adminPassword = ServerHarness.password(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void connect() {
        api = ServerHarness.connect(server, "admin", adminPassword);
    }

    @AfterEach
    void disconnect() {
        api.close();
    }

    private static RkeClusterSpec spec(String name) {
        return RkeClusterSpec.defaults(name, List.of(new RkeNodeSpec(new NodeAccess("10.9.9.1", 22, "ubuntu", "~/.ssh/id_rsa"),
                Set.of(RkeRole.ETCD, RkeRole.CONTROLPLANE, RkeRole.WORKER))));
    }

    @Test
    void renderAndValidateWorkRemotely() throws Exception {
        // when
        String yaml = api.renderClusterYaml(spec("remote-one")).get(15, TimeUnit.SECONDS);
        // then
        assertThat(yaml).contains("cluster_name: remote-one", "address: 10.9.9.1", "role: [etcd, controlplane, worker]");
        assertThat(api.validateClusterYaml(yaml).get(15, TimeUnit.SECONDS)).isEmpty();
        assertThat(api.validateClusterYaml(yaml.replace("worker]", "wroker]")).get(15, TimeUnit.SECONDS))
                .singleElement().extracting(ClusterYamlProblem::field, ClusterYamlProblem::message)
                .containsExactly("nodes[0].role", "unknown role \"wroker\"; roles are etcd, controlplane and worker");
    }

    @Test
    void aRunRefusedByTheServerArrivesAsItsFailedEventWithTheHint() throws Exception {
        // given: the name is taken
        api.createCluster(new NewCluster("taken", ClusterKind.IMPORTED, "")).get(15, TimeUnit.SECONDS);
        String yaml = api.renderClusterYaml(spec("taken")).get(15, TimeUnit.SECONDS);
        List<ProvisioningEvent> events = new CopyOnWriteArrayList<>();
        // when
        ProvisioningRun run = api.provisionRkeCluster("taken", yaml, events::add);
        // then
        assertThatThrownBy(() -> run.completion().get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ApiException.class).hasMessageContaining("exists already");
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        assertThat(events).singleElement().isInstanceOfSatisfying(ProvisioningEvent.Failed.class, failed -> {
            assertThat(failed.message()).isEqualTo("A cluster named \"taken\" exists already.");
            assertThat(failed.hint()).isEqualTo("Choose another name on the first step.");
        });
    }

    @Test
    void testSshChecksItsInputOnTheServer() {
        assertThatThrownBy(() -> api.testSshNode(new NodeAccess("", 22, "root", "")).get(15, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ApiException.class)
                .cause().hasMessage("address: enter the machine's host name or IP address.")
                .extracting(e -> ((ApiException) e).reason()).isEqualTo(ApiException.Reason.INVALID);
    }
}
