package dev.drover.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private final WorkQueue<String> queue = new WorkQueue<>("test");

    @AfterEach
    void close() {
        queue.close();
    }

    @Test
    void aKeyWaitsOnceHoweverOftenItIsAdded() throws Exception {
        // given
        queue.add("a");
        queue.add("b");
        queue.add("a");
        // then
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.take()).contains("a");
        assertThat(queue.take()).contains("b");
    }

    @Test
    void aKeyAddedWhileProcessingIsHandedOutAgainOnlyAfterDone() throws Exception {
        // given
        queue.add("a");
        String taken = queue.take().orElseThrow();
        // when
        queue.add("a");
        // then: not handed to a second worker while the first still holds it
        assertThat(queue.size()).isZero();
        queue.done(taken);
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.take()).contains("a");
    }

    @Test
    void delayedAddsKeepTheEarliestDeadline() {
        // given
        queue.addAfter("a", Duration.ofMinutes(10));
        // when
        queue.addAfter("a", Duration.ofMillis(50));
        queue.addAfter("a", Duration.ofMinutes(5));
        // then
        assertThat(queue.delayedSize()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.size() == 1);
        assertThat(queue.delayedSize()).isZero();
    }

    @Test
    void closeWakesWaitingTakers() throws Exception {
        // given
        var result = new java.util.concurrent.CompletableFuture<Optional<String>>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(queue.take());
            } catch (InterruptedException e) {
                result.completeExceptionally(e);
            }
        });
        // when
        queue.close();
        // then
        assertThat(result.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
        queue.add("ignored after close");
        assertThat(queue.size()).isZero();
    }
}
