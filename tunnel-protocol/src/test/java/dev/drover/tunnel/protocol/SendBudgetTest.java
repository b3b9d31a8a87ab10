package dev.drover.tunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SendBudgetTest {

    private static final int WINDOW = 256 * 1024;
    private static final SessionOptions OPTIONS = SessionOptions.DEFAULTS.withStreamWindow(WINDOW);
    private static final int BULK = 2 * WINDOW;
    @RegisterExtension
    static final SharedVertx VERTX = new SharedVertx();

    @Test
    void aStreamAloneKeepsItsWholeWindowInFlight() {
        // given: the agent holds what it receives on "stall" streams unread
        List<TunnelStream> stalled = new ArrayList<>();
        SessionPair pair = SessionPair.start(VERTX.get(), OPTIONS, request -> stalled.add(request.accept().pause()));
        TunnelStream bulk = SessionTest.join(pair.server().open("stall:1"));
        // when
        SessionPair.on(pair.serverTransport().context, () -> bulk.write(Buffer.buffer(new byte[BULK])));
        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> pair.bufferedAtAgent(stalled.getFirst()) == WINDOW);
    }

    /**
     * With the default window (1 MiB) as with a 256 KiB one: the receiver must return credit for every 64 KiB it
     * consumes, or a stream held to 64 KiB in flight would wait for credit forever.
     */
    @ParameterizedTest
    @ValueSource(ints = {WINDOW, 1024 * 1024})
    void whileAnotherStreamSendsABulkStreamKeepsOnlyTheContendedWindowInFlightAndStillDeliversEverything(int window) {
        // given
        assertThat(window).isLessThanOrEqualTo(SessionOptions.DEFAULTS.streamWindow());
        List<TunnelStream> stalled = new ArrayList<>();
        SessionPair pair = SessionPair.start(VERTX.get(), SessionOptions.DEFAULTS.withStreamWindow(window), SessionPair.stallingOrEchoing(stalled));
        TunnelStream bulk = SessionTest.join(pair.server().open("stall:1"));
        TunnelStream chatty = SessionTest.join(pair.server().open("echo:1"));
        // when: a small write on one stream, then the bulk write on the other, in the same turn of the loop (the bulk
        // bytes made beforehand: allocating megabytes between the two writes could start a GC pause longer than the
        // budget's 10 ms contention hold, after which the bulk stream rightly gets its whole window)
        Buffer bulkBytes = Buffer.buffer(new byte[2 * window]);
        SessionPair.on(pair.serverTransport().context, () -> {
            chatty.write(Buffer.buffer("ping"));
            return bulk.write(bulkBytes);
        });
        // then: the shared connection carries at most the contended window of bulk data ahead of later frames
        await().atMost(Duration.ofSeconds(5)).until(() -> pair.bufferedAtAgent(stalled.getFirst()) > 0);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> pair.bufferedAtAgent(stalled.getFirst()) == SendBudget.CONTENDED_WINDOW);
        // when: the reader takes what arrives, so credit flows again
        AtomicLong received = new AtomicLong();
        SessionPair.on(pair.agentTransport().context, () -> stalled.getFirst().handler(b -> received.addAndGet(b.length())).resume());
        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> received.get() == 2L * window);
    }

    @Test
    void creditComesBackInQuarterWindowsOfAtMost64KiB() {
        assertThat(TunnelStream.creditBatch(64 * 1024)).isEqualTo(16 * 1024);
        assertThat(TunnelStream.creditBatch(256 * 1024)).isEqualTo(64 * 1024);
        assertThat(TunnelStream.creditBatch(SessionOptions.DEFAULTS.streamWindow())).isEqualTo(64 * 1024);
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        assertThat(SendBudget.setting("drover.tunnel.contendedWindow", null, 65_536, 0, 100)).isEqualTo(65_536);
        assertThat(SendBudget.setting("drover.tunnel.contendedWindow", " 0 ", 65_536, 0, 100)).isZero();
        assertThatThrownBy(() -> SendBudget.setting("drover.tunnel.contendedWindow", "64k", 65_536, 0, 100))
                .hasMessage("-Ddrover.tunnel.contendedWindow must be a whole number from 0 to 100, got \"64k\"");
        assertThatThrownBy(() -> SendBudget.setting("drover.tunnel.contentionHoldMillis", "0", 10, 1, 60_000))
                .hasMessageContaining("from 1 to 60000");
    }
}
