package dev.drover.tunnel.protocol;

import static dev.drover.tunnel.protocol.SessionTest.collect;
import static dev.drover.tunnel.protocol.SessionTest.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Socket read buffers handed to a stream ({@link TunnelStream#writeOwned}): sent intact, always released. */
class OwnedWritesTest {

    private static final SessionOptions OPTIONS = SessionOptions.DEFAULTS.withStreamWindow(64 * 1024);
    @RegisterExtension
    static final SharedVertx VERTX = new SharedVertx();

    @Test
    void ownedBuffersCrossIntactAndAreReleasedOnceWritten() throws Exception {
        // given
        SessionPair pair = SessionPair.start(VERTX.get(), OPTIONS, SessionPair::echo);
        TunnelStream stream = join(pair.server().open("echo:1"));
        CompletableFuture<Buffer> echoed = collect(stream);
        Random random = new Random(3);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        List<ByteBuf> buffers = new ArrayList<>();
        // when: read buffers of odd sizes, some with a reader index already moved, as a socket hands them over
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[50_000 + random.nextInt(100_000)];
            random.nextBytes(bytes);
            ByteBuf buffer = Unpooled.directBuffer(bytes.length + 3).writeBytes(new byte[3]).writeBytes(bytes);
            buffer.readerIndex(3);
            sent.writeBytes(bytes);
            buffers.add(buffer);
            stream.writeOwned(buffer);
        }
        stream.end();
        // then
        assertThat(echoed.get(10, TimeUnit.SECONDS).getBytes()).isEqualTo(sent.toByteArray());
        await().atMost(Duration.ofSeconds(5)).until(() -> buffers.stream().allMatch(b -> b.refCnt() == 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> Outbox.ownedBuffersHeld() == 0);
    }

    @Test
    void ownedBuffersWaitingForCreditAreReleasedWhenTheStreamFails() {
        // given: a stream whose reader never reads, so all but one window of the data waits for credit
        SessionPair pair = SessionPair.start(VERTX.get(), OPTIONS, request -> request.accept().pause());
        TunnelStream stream = join(pair.server().open("stall:1"));
        List<ByteBuf> buffers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ByteBuf buffer = Unpooled.directBuffer(64 * 1024).writeZero(64 * 1024);
            buffers.add(buffer);
            stream.writeOwned(buffer);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> buffers.getFirst().refCnt() == 0);
        assertThat(buffers.getLast().refCnt()).isEqualTo(1);
        // when
        stream.reset("client gave up");
        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> buffers.stream().allMatch(b -> b.refCnt() == 0));
        // and: a buffer handed over after the failure is released at once
        ByteBuf late = Unpooled.directBuffer(16).writeZero(16);
        stream.writeOwned(late);
        await().atMost(Duration.ofSeconds(5)).until(() -> late.refCnt() == 0);
        assertThat(Outbox.ownedBuffersHeld()).isZero();
    }
}
