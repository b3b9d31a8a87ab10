package dev.drover.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalManagementApiTest extends ManagementApiContract {

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

    @Override
    protected ManagementApi api() {
        return api;
    }

    @Override
    protected void seedNodePool(String clusterId, String poolId, int quantity) {
        seed(api.administration().store(), clusterId, poolId, quantity);
    }

    /** A pool whose template does not exist: the nodepool reconciler can only report, never provision. */
    static void seed(dev.drover.engine.store.ResourceStore store, String clusterId, String poolId, int quantity) {
        var pool = new dev.drover.engine.model.NodePool(clusterId, poolId, "no-such-template", quantity, java.util.List.of("worker"),
                null, null, null);
        store.create(new dev.drover.engine.store.ObjectKey(dev.drover.engine.model.NodePool.KIND, clusterId, poolId), java.util.Map.of(),
                new dev.drover.engine.store.JsonCodec<>(dev.drover.engine.model.NodePool.class).encode(pool));
    }

    @Test
    void describesItselfAsLabWithTheStoreFile() {
        EngineInfo info = api.info();
        assertThat(info.mode()).isEqualTo(EngineMode.LAB);
        assertThat(info.location()).isEqualTo(dataDirectory.resolve("drover.db").toString());
        assertThat(info.version()).isNotBlank().doesNotContain("${");
    }

    @Test
    void clustersSurviveARestart() throws Exception {
        // given
        ClusterSummary created = result(api.createCluster(new NewCluster("durable", ClusterKind.IMPORTED, "")));
        // when
        api.close();
        api = LocalManagementApi.openLab(dataDirectory);
        // then
        assertThat(result(api.listClusters())).singleElement().satisfies(cluster -> {
            assertThat(cluster.id()).isEqualTo(created.id());
            assertThat(cluster.displayName()).isEqualTo("durable");
            assertThat(cluster.resourceVersion()).isGreaterThanOrEqualTo(created.resourceVersion());
        });
    }

    @Test
    void aSecondEngineOnTheSameDirectoryIsRefusedWithThePid() {
        assertThatThrownBy(() -> LocalManagementApi.openLab(dataDirectory))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("in use by PID " + ProcessHandle.current().pid())
                .extracting(e -> ((ApiException) e).reason()).isEqualTo(ApiException.Reason.UNAVAILABLE);
    }

    @Test
    void commandsAfterCloseFailCleanly() {
        api.close();
        assertThat(failureOf(api.listClusters()).reason()).isEqualTo(ApiException.Reason.UNAVAILABLE);
    }
}
