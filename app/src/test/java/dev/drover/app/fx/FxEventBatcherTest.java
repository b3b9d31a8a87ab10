package dev.drover.app.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FxEventBatcherTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    /** Stands in for the FX thread: one thread, runs tasks in order. */
    private final ExecutorService fxThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("fake-fx").factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final FxThreads threads = new FxThreads(fxThread, Runnable::run, timer, INTERVAL);

    private record Event(int source, int sequence) {
    }

    private record Batch(List<Event> events, long atNanos, String thread) {
    }

    @AfterEach
    void stop() {
        threads.close();
        fxThread.shutdownNow();
    }

    @Test
    void ten_thousand_events_from_several_threads_arrive_in_order_in_few_batches() throws Exception {
        // given
        int sources = 4;
        int perSource = 2_500;
        List<Batch> batches = new CopyOnWriteArrayList<>();
        FxEventBatcher<Event> batcher = threads.batcher(
                events -> batches.add(new Batch(List.copyOf(events), System.nanoTime(), Thread.currentThread().getName())));
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> posters = new ArrayList<>();
        for (int source = 0; source < sources; source++) {
            int id = source;
            posters.add(Thread.ofPlatform().start(() -> {
                awaitQuietly(go);
                for (int sequence = 0; sequence < perSource; sequence++) {
                    batcher.post(new Event(id, sequence));
                }
            }));
        }

        // when
        go.countDown();
        for (Thread poster : posters) {
            poster.join();
        }

        // then
        await().atMost(Duration.ofSeconds(5))
                .until(() -> batches.stream().mapToInt(batch -> batch.events().size()).sum() == sources * perSource);
        List<Event> all = batches.stream().flatMap(batch -> batch.events().stream()).toList();
        Map<Integer, List<Integer>> bySource = all.stream().collect(Collectors.groupingBy(Event::source,
                Collectors.mapping(Event::sequence, Collectors.toList())));
        assertThat(bySource).hasSize(sources);
        bySource.values().forEach(sequences -> assertThat(sequences).hasSize(perSource).isSorted());
        assertThat(batches).hasSizeLessThanOrEqualTo(20);
        assertThat(batches).allSatisfy(batch -> assertThat(batch.thread()).isEqualTo("fake-fx"));
        for (int i = 1; i < batches.size(); i++) {
            long gap = batches.get(i).atNanos() - batches.get(i - 1).atNanos();
            // Spacing is kept between flush starts; the sink stamps after draining, which may take a few ms.
            assertThat(Duration.ofNanos(gap)).isGreaterThanOrEqualTo(INTERVAL.minusMillis(25));
        }
    }

    @Test
    void a_lone_event_is_delivered_without_waiting_for_the_interval() {
        // given
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        FxEventBatcher<String> batcher = new FxEventBatcher<>(batches::add, fxThread, timer, Duration.ofSeconds(30));

        // when
        batcher.post("only");

        // then
        await().atMost(Duration.ofSeconds(2)).until(() -> batches.equals(List.of(List.of("only"))));
    }

    @Test
    void nothing_is_delivered_after_close() {
        // given
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        FxEventBatcher<String> batcher = threads.batcher(batches::add);
        batcher.post("first");
        await().atMost(Duration.ofSeconds(2)).until(() -> batches.size() == 1);

        // when
        batcher.close();
        batcher.post("late");

        // then
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> batches.size() == 1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
