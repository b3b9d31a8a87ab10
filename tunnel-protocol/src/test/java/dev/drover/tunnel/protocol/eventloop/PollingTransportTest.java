package dev.drover.tunnel.protocol.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real Vert.x event loops on the polling transport, driven over loopback TCP by a blocking client. */
class PollingTransportTest {

    private static final int ROUND_TRIPS = 2_000;

    private Vertx vertx;
    private Context loop;

    @AfterEach
    void close() {
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void answersThatComeBackWithinTheWindowAreCaughtWithoutSleeping() throws Exception {
        // given
        PollingTransport transport = new PollingTransport(Duration.ofMillis(1));
        vertx = Vertx.builder().withTransport(transport).build();
        int port = echoServer().actualPort();
        // when
        byte[] echoed = roundTrips(port);
        // then: a loop that only slept would save none; on a quiet machine nearly every one is caught
        assertThat(echoed).containsOnly((byte) 7);
        assertThat(transport.wakeUpsSaved()).isGreaterThan(ROUND_TRIPS / 10);
    }

    @Test
    void aZeroWindowIsPlainSleepingNio() throws Exception {
        // given
        PollingTransport transport = new PollingTransport(Duration.ZERO);
        vertx = Vertx.builder().withTransport(transport).build();
        int port = echoServer().actualPort();
        // when
        byte[] echoed = roundTrips(port);
        // then
        assertThat(echoed).containsOnly((byte) 7);
        assertThat(transport.wakeUpsSaved()).isZero();
    }

    @Test
    void aLoopWokenOnlyNowAndThenStopsPolling() throws Exception {
        // given: a loop that learned to poll for up to 500 µs
        vertx = PollingTransport.vertx(Duration.ofNanos(500_000));
        NetServer server = echoServer();
        roundTrips(server.actualPort());
        long thread = onLoop(loop, () -> Thread.currentThread().threadId());
        // when: a timer wakes it every 2 ms for a second (each poll would cost a quarter of its time)
        loop.runOnContext(v -> vertx.setPeriodic(2, id -> { }));
        Thread.sleep(200);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getThreadCpuTime(thread);
        Thread.sleep(1_000);
        long used = threads.getThreadCpuTime(thread) - before;
        // then
        assertThat(Duration.ofNanos(used)).isLessThan(Duration.ofMillis(100));
    }

    @Test
    void aTaskFromAnotherThreadEndsThePollAtOnce() throws Exception {
        // given: a loop that polls for up to 200 ms once it has seen quick wake-ups
        PollingTransport transport = new PollingTransport(Duration.ofMillis(200));
        vertx = Vertx.builder().withTransport(transport).build();
        NetServer server = echoServer();
        roundTrips(server.actualPort());
        // when
        long handedOver = System.nanoTime();
        long ran = onLoop(loop, System::nanoTime);
        // then
        assertThat(Duration.ofNanos(ran - handedOver)).isLessThan(Duration.ofMillis(50));
    }

    /** An echo server whose connections are served on {@link #loop}. */
    private NetServer echoServer() throws Exception {
        loop = vertx.getOrCreateContext();
        CompletableFuture<NetServer> listening = new CompletableFuture<>();
        loop.runOnContext(v -> vertx.createNetServer().connectHandler(socket -> socket.handler(socket::write))
                .listen(0, "127.0.0.1").onComplete(listen -> listening.complete(listen.result())));
        return listening.get(10, TimeUnit.SECONDS);
    }

    private static <T> T onLoop(Context loop, java.util.function.Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.runOnContext(v -> result.complete(work.get()));
        return result.get(10, TimeUnit.SECONDS);
    }

    private static byte[] roundTrips(int port) throws Exception {
        byte[] request = new byte[64];
        Arrays.fill(request, (byte) 7);
        byte[] answer = new byte[64];
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int i = 0; i < ROUND_TRIPS; i++) {
                out.write(request);
                in.readFully(answer);
            }
        }
        return answer;
    }
}
