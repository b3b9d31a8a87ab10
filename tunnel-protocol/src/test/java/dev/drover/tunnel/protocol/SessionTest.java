package dev.drover.tunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SessionTest {

    private static final SessionOptions OPTIONS = SessionOptions.DEFAULTS.withStreamWindow(64 * 1024);
    @RegisterExtension
    static final SharedVertx VERTX = new SharedVertx();

    @Test
    void streamCarriesBytesBothWaysAndHalfCloses() throws Exception {
        // given
        SessionPair pair = SessionPair.start(VERTX.get(), OPTIONS, SessionPair::echo);
        byte[] payload = new byte[1_500_000];
        new Random(1).nextBytes(payload);
        // when
        TunnelStream stream = join(pair.server().open("echo:1"));
        CompletableFuture<Buffer> received = collect(stream);
        stream.write(Buffer.buffer(payload));
        stream.end();
        // then
        assertThat(received.get(10, TimeUnit.SECONDS).getBytes()).isEqualTo(payload);
        await().atMost(Duration.ofSeconds(5)).until(() -> pair.server().liveStreams() == 0 && pair.agent().liveStreams() == 0);
        assertThat(stream.closeFuture().succeeded()).isTrue();
    }

    @Test
    void refusedStreamFailsTheOpenWithTheAcceptorsReason() {
        // given
        SessionPair pair = SessionPair.start(VERTX.get(), OPTIONS, request -> request.reject("not on the allow-list"));
        // when
        Future<TunnelStream> opened = pair.server().open("10.0.0.1:22");
        // then
        await().until(opened::isComplete);
        assertThat(opened.cause()).hasMessageContaining("not on the allow-list").hasMessageContaining("10.0.0.1:22");
        assertThat(pair.agent().liveStreams()).isZero();
        // and: a target the peer could not even parse fails locally instead of breaking the tunnel
        assertThat(pair.server().open("a b:1").cause()).hasMessageContaining("invalid target");
        assertThat(pair.server().open("x".repeat(300) + ":1").cause()).hasMessageContaining("invalid target");
        assertThat(pair.server().isOpen()).isTrue();
    }

    @Test
    void stalledReaderHoldsAtMostOneWindowAndDoesNotSlowOtherStreams() {
        // given: the agent accepts "stall" streams but never reads them
        List<TunnelStream> stalled = new ArrayList<>();
        SessionPair pair = SessionPair.start(VERTX.get(), OPTIONS, SessionPair.stallingOrEchoing(stalled));
        TunnelStream slow = join(pair.server().open("stall:1"));
        // when: the server pushes far more than a window into it
        for (int i = 0; i < 64; i++) {
            slow.write(Buffer.buffer(new byte[64 * 1024]));
        }
        // then: another stream still round-trips promptly
        for (int i = 0; i < 20; i++) {
            TunnelStream fast = join(pair.server().open("echo:" + i));
            CompletableFuture<Buffer> echoed = collect(fast);
            fast.end(Buffer.buffer("ping " + i));
            assertThat(echoed.orTimeout(2, TimeUnit.SECONDS).join().toString()).isEqualTo("ping " + i);
        }
        assertThat(slow.writeQueueFull()).isTrue();
        int buffered = pair.bufferedAtAgent(stalled.getFirst());
        assertThat(buffered).isLessThanOrEqualTo(OPTIONS.streamWindow());
    }

    @Test
    void resetReachesThePeerAndClosingTheTunnelFailsEveryStream() {
        // given
        SessionPair pair = SessionPair.start(VERTX.get(), OPTIONS, SessionPair::echo);
        TunnelStream first = join(pair.server().open("echo:1"));
        List<TunnelStream> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(join(pair.server().open("echo:" + i)));
        }
        // when
        first.reset("client gave up");
        // then
        await().until(() -> pair.agent().liveStreams() == 10);
        // when
        pair.agentTransport().close(1001, "agent going away");
        // then
        await().atMost(Duration.ofSeconds(2)).until(() -> others.stream().allMatch(s -> s.closeFuture().failed()));
        assertThat(others.getFirst().closeFuture().cause()).hasMessageContaining("tunnel closed");
        assertThat(pair.server().isOpen()).isFalse();
        assertThat(pair.server().liveStreams()).isZero();
    }

    @Test
    void silentPeerIsDroppedByTheKeepalive() {
        // given
        SessionOptions quick = OPTIONS.withKeepalive(Duration.ofMillis(50), Duration.ofMillis(300));
        SessionPair pair = SessionPair.start(VERTX.get(), quick, SessionPair::echo);
        await().atMost(Duration.ofSeconds(2)).until(() -> pair.server().lastRoundTrip() != null);
        // when: the agent stops sending anything at all
        pair.agentTransport().blackHole = true;
        // then
        TunnelException reason = pair.server().closeFuture().toCompletionStage().toCompletableFuture()
                .orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(reason).hasMessageContaining("keepalive timeout");
    }

    @Test
    void syncDropsStreamsThePeerHasForgotten() {
        // given: a stream both ends know, and one the agent lost without telling the server
        List<TunnelStream> accepted = new ArrayList<>();
        SessionPair pair = SessionPair.start(VERTX.get(), OPTIONS, request -> accepted.add(request.accept()));
        TunnelStream kept = join(pair.server().open("a:1"));
        TunnelStream lost = join(pair.server().open("b:1"));
        SessionPair.on(pair.agentTransport().context, () -> {
            pair.agent().unregister(accepted.get(1));
            return null;
        });
        // when
        pair.agent().syncNow();
        // then
        await().atMost(Duration.ofSeconds(2)).until(() -> lost.closeFuture().failed());
        assertThat(lost.closeFuture().cause()).hasMessageContaining("orphaned");
        assertThat(kept.closeFuture().isComplete()).isFalse();
        assertThat(pair.server().liveStreams()).isEqualTo(1);
    }

    @Test
    void peerSendingBeyondItsWindowBreaksTheProtocol() {
        // given: a stream whose reader at the server never reads, so no credit goes back
        SessionPair pair = SessionPair.start(VERTX.get(), OPTIONS, request -> request.accept());
        TunnelStream stream = join(pair.server().open("a:1"));
        Buffer chunk = Buffer.buffer(new byte[40 * 1024]);
        // when: the agent's side is bypassed and 80 KiB arrive against a 64 KiB window
        SessionPair.on(pair.serverTransport().context, () -> {
            pair.server().receive(new Frame.Data(stream.id(), chunk).encode());
            pair.server().receive(new Frame.Data(stream.id(), chunk).encode());
            return null;
        });
        // then
        assertThat(pair.server().isOpen()).isFalse();
        assertThat(pair.server().closeFuture().result()).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("flow-control violation");
        assertThat(stream.closeFuture().cause()).hasMessageContaining("tunnel closed");
    }

    @Test
    void framesForStreamsThatNeverExistedBreakTheProtocolButLateOnesAreIgnored() {
        // given
        SessionPair pair = SessionPair.start(VERTX.get(), OPTIONS, SessionPair::echo);
        TunnelStream stream = join(pair.server().open("echo:1"));
        stream.reset("done with it");
        await().until(() -> pair.server().liveStreams() == 0);
        // when: a late frame for the reset stream, then one for a stream never opened
        SessionPair.on(pair.serverTransport().context, () -> {
            pair.server().receive(new Frame.WindowUpdate(stream.id(), 10).encode());
            return null;
        });
        // then
        assertThat(pair.server().isOpen()).isTrue();
        SessionPair.on(pair.serverTransport().context, () -> {
            pair.server().receive(new Frame.Fin(1_000).encode());
            return null;
        });
        assertThat(pair.server().closeFuture().result()).hasMessageContaining("never opened");
    }

    @Test
    void fuzzedFramesCloseOnlyTheSessionThatGotThem() {
        // given: a healthy pair and a stream of garbage into other sessions
        SessionPair healthy = SessionPair.start(VERTX.get(), OPTIONS, SessionPair::echo);
        TunnelStream survivor = join(healthy.server().open("echo:1"));
        CompletableFuture<Buffer> echoed = collect(survivor);
        Random random = new Random(42);
        AtomicInteger closedByProtocolError = new AtomicInteger();
        int frames = 0;
        // when
        while (frames < 10_000) {
            SessionPair victim = SessionPair.start(VERTX.get(), OPTIONS, request -> request.reject("no"));
            Context context = victim.serverTransport().context;
            int sent = SessionPair.on(context, () -> {
                int n = 0;
                while (victim.server().isOpen() && n < 200) {
                    victim.server().receive(FrameFuzz.randomFrame(random));
                    n++;
                }
                return n;
            });
            frames += sent;
            if (!victim.server().isOpen()) {
                TunnelException reason = victim.server().closeFuture().result();
                assertThat(reason).isInstanceOf(ProtocolException.class);
                closedByProtocolError.incrementAndGet();
            }
            victim.server().close("fuzz round over");
        }
        // then
        survivor.end(Buffer.buffer("still here"));
        assertThat(echoed.orTimeout(5, TimeUnit.SECONDS).join().toString()).isEqualTo("still here");
        assertThat(closedByProtocolError.get()).isGreaterThan(1_000);
        assertThat(healthy.server().isOpen()).isTrue();
    }

    static <T> T join(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    static CompletableFuture<Buffer> collect(TunnelStream stream) {
        CompletableFuture<Buffer> all = new CompletableFuture<>();
        Buffer received = Buffer.buffer();
        stream.handler(received::appendBuffer);
        stream.exceptionHandler(all::completeExceptionally);
        stream.endHandler(v -> all.complete(received));
        return all;
    }
}
