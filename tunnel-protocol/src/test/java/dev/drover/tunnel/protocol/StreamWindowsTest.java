package dev.drover.tunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamWindowsTest {

    private static final int WINDOW = 1024 * 1024;
    private static final SessionOptions OPTIONS = SessionOptions.DEFAULTS.withStreamWindow(WINDOW).withReceiveBudget(4L * WINDOW);
    @RegisterExtension
    static final SharedVertx VERTX = new SharedVertx();

    @Test
    void aStreamGetsAnEqualShareOfTheBudgetBetweenSixtyFourKiBAndTheStreamWindow() {
        assertThat(OPTIONS.windowFor(0)).isEqualTo(WINDOW);
        assertThat(OPTIONS.windowFor(3)).isEqualTo(WINDOW);
        assertThat(OPTIONS.windowFor(7)).isEqualTo(WINDOW / 2);
        assertThat(OPTIONS.windowFor(16_383)).isEqualTo(64 * 1024);
        assertThat(SessionOptions.DEFAULTS.withStreamWindow(16 * 1024).windowFor(10_000)).isEqualTo(16 * 1024);
        assertThat(SessionOptions.DEFAULTS.windowFor(0)).isEqualTo(SessionOptions.DEFAULTS.streamWindow());
    }

    @Test
    void stalledReadersOfManyStreamsHoldNoMoreThanTheirShrinkingWindows() throws InterruptedException {
        // given: an agent that leaves every stream unread
        List<TunnelStream> stalled = new ArrayList<>();
        SessionPair pair = SessionPair.start(VERTX.get(), OPTIONS, request -> stalled.add(request.accept().pause()));
        long held = 0;
        for (int open = 0; open < 12; open++) {
            // when: far more than a window is written into each new stream, one stream at a time
            TunnelStream stream = SessionTest.join(pair.server().open("stall:" + open));
            // past the send budget's contention hold after the previous stream's last frame, so this one may fill its window
            Thread.sleep(SendBudget.HOLD_NANOS / 1_000_000 * 5);
            SessionPair.on(pair.serverTransport().context, () -> stream.write(Buffer.buffer(new byte[2 * WINDOW])));
            // then: the agent holds exactly the window it offered when the stream opened, the share of the ones open
            int index = open;
            int offered = OPTIONS.windowFor(index);
            await().atMost(Duration.ofSeconds(5)).until(() -> stalled.size() > index && pair.bufferedAtAgent(stalled.get(index)) == offered);
            held += offered;
        }
        assertThat(OPTIONS.windowFor(11)).isLessThan(WINDOW / 2);
        // 4 full windows, then shares: ~8.1 MiB where 12 full windows would be 12 MiB
        assertThat(held).as("held by 12 stalled readers").isLessThan(12L * WINDOW * 7 / 10);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> stalled.stream().allMatch(s -> pair.bufferedAtAgent(s) <= WINDOW));
    }
}
