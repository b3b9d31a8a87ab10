package dev.drover.app.clusters;

import static dev.drover.app.FakeManagementApi.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.FakeManagementApi;
import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.ClusterKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ViewModel without any window: a single plain thread stands in for the FX thread. */
class ClustersViewModelTest {

    private final ExecutorService fxThread = Executors.newSingleThreadExecutor();
    private final FxThreads threads = new FxThreads(fxThread, Runnable::run, Executors.newSingleThreadScheduledExecutor(),
            Duration.ofMillis(20));

    @AfterEach
    void stop() {
        threads.close();
        fxThread.shutdownNow();
    }

    @Test
    void existing_clusters_are_listed_and_stale_replays_ignored() {
        // given
        FakeManagementApi api = new FakeManagementApi()
                .with(cluster("c-1", "prod", ClusterKind.RKE, "Active", "v1.31.2", 7));
        ClustersViewModel viewModel = new ClustersViewModel(api, threads);

        // when
        viewModel.start();
        await().until(() -> onFx(() -> viewModel.clusters().size()) == 1);
        api.emit(ApiEvent.Type.MODIFIED, cluster("c-1", "prod", ClusterKind.RKE, "Pending", "", 3));

        // then
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(
                () -> onFx(() -> List.copyOf(viewModel.clusters())).equals(
                        List.of(new ClusterRow("c-1", "prod", "RKE", "Active", "v1.31.2", 7))));
    }

    @Test
    void closing_stops_the_watch() {
        // given
        FakeManagementApi api = new FakeManagementApi();
        ClustersViewModel viewModel = new ClustersViewModel(api, threads);
        viewModel.start();
        assertThat(api.watcherCount()).isEqualTo(1);

        // when
        viewModel.close();
        viewModel.close();

        // then
        assertThat(api.watcherCount()).isZero();
    }

    @Test
    void a_watch_that_cannot_start_is_reported() {
        // given
        FakeManagementApi unavailable = new FakeManagementApi()
                .failWatchesWith(new ApiException(ApiException.Reason.UNAVAILABLE, "The engine is closed."));
        ClustersViewModel viewModel = new ClustersViewModel(unavailable, threads);

        // when
        viewModel.start();

        // then
        await().until(() -> onFx(() -> viewModel.errorProperty().get()).equals("Cannot watch clusters: The engine is closed."));
    }

    private <T> T onFx(Supplier<T> query) throws Exception {
        return fxThread.submit(query::get).get(5, TimeUnit.SECONDS);
    }
}
