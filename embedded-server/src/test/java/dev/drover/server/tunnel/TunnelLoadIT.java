package dev.drover.server.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.server.DroverServer;
import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.TunnelStream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many streams and a stalled one, through the real server over TLS, with an in-process agent. */
class TunnelLoadIT {

    @TempDir
    Path directory;
    private DroverServer server;
    private Vertx agentVertx;
    private Session agent;
    private String cluster;

    @BeforeEach
    void start() {
        server = ServerFixture.start(directory, 0);
        agentVertx = Vertx.vertx();
        cluster = ServerFixture.createImportedCluster(server, "c-load");
        String token = server.imports().start(cluster).token();
        agent = InProcessAgent.connect(agentVertx, server, token, null, InProcessAgent::echoOrStall).await();
        await().until(() -> server.sessions().state(cluster).clusterAgent());
    }

    @AfterEach
    void stop() {
        agentVertx.close().await();
        server.close();
    }

    @Test
    void hundredThousandStreamsLeaveNoThreadsStreamsOrHeapBehind() {
        // given: warmed up, then measured
        runStreams(2_000, 100);
        int baselineThreads = threads();
        long baselineHeap = heapAfterGc();
        // when
        runStreams(100_000, 200);
        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().liveStreams() == 0 && agent.liveStreams() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> threads() <= baselineThreads + 2);
        long heap = heapAfterGc();
        assertThat(heap).as("heap after GC vs baseline %d MB", baselineHeap >> 20).isLessThan(baselineHeap + (32L << 20));
    }

    @Test
    void stalledReaderNeverBlocksOtherStreams() {
        // given: a stream whose reader at the agent never reads, and far more data than its window queued into it
        TunnelStream stalled = server.dialer().dial(cluster, "stall:1").await();
        for (int i = 0; i < 64; i++) {
            stalled.write(Buffer.buffer(new byte[128 * 1024]));
        }
        await().until(stalled::writeQueueFull);
        // when: small requests go through other streams meanwhile
        long start = System.nanoTime();
        runStreams(500, 4);
        // then: they all completed, and the stalled stream is still only waiting
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(stalled.closeFuture().isComplete()).isFalse();
        assertThat(agent.isOpen()).isTrue();
    }

    /** {@code total} echo streams, {@code concurrency} at a time: open, send 32 bytes, half-close, read back. */
    private void runStreams(int total, int concurrency) {
        AtomicInteger remaining = new AtomicInteger(total);
        List<Future<Void>> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Promise<Void> done = Promise.promise();
            next(remaining, done);
            workers.add(done.future());
        }
        Future.all(workers).await();
    }

    private void next(AtomicInteger remaining, Promise<Void> done) {
        if (remaining.getAndDecrement() <= 0) {
            done.tryComplete();
            return;
        }
        server.dialer().dial(cluster, "echo:1").compose(stream -> {
            Promise<Void> echoed = Promise.promise();
            AtomicInteger bytes = new AtomicInteger();
            stream.handler(b -> bytes.addAndGet(b.length()));
            stream.exceptionHandler(echoed::tryFail);
            stream.endHandler(v -> {
                if (bytes.get() == 32) {
                    echoed.tryComplete();
                } else {
                    echoed.tryFail("echoed " + bytes.get() + " bytes");
                }
            });
            stream.end(Buffer.buffer(new byte[32]));
            return echoed.future().compose(v -> stream.closeFuture());
        }).onSuccess(v -> next(remaining, done)).onFailure(done::tryFail);
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
