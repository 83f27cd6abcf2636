/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.camelhightouch.internal.events;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.camelhightouch.HightouchQueueFullPolicy;
import io.github.camelhightouch.internal.call.Deadlines;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The queue bound: fail refuses at once, wait gives up at the deadline, places come back, a close wakes the waiters,
 * and a batch larger than the queue is refused rather than waiting forever.
 */
class QueueSlotsTest {

    @Test
    void failRefusesAtOnceWhenFull() {
        QueueSlots slots = new QueueSlots(2, HightouchQueueFullPolicy.fail);
        slots.take(2, Deadlines.after(System.nanoTime(), 60_000));

        assertThatThrownBy(() -> slots.take(1, Deadlines.after(System.nanoTime(), 60_000)))
                .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("maxQueuedEvents=2");
        slots.release();
        slots.take(1, Deadlines.after(System.nanoTime(), 60_000));
        assertThat(slots.held()).isEqualTo(2);
    }

    @Test
    void waitGivesUpAtTheDeadline() {
        QueueSlots slots = new QueueSlots(1, HightouchQueueFullPolicy.wait);
        slots.take(1, Deadlines.after(System.nanoTime(), 60_000));

        long start = System.nanoTime();
        assertThatThrownBy(() -> slots.take(1, Deadlines.after(System.nanoTime(), 300)))
                .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("no room within requestTimeout");
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(waited).isGreaterThanOrEqualTo(250).isLessThan(10_000);
    }

    @Test
    void waitTakesThePlaceGivenBack() throws Exception {
        QueueSlots slots = new QueueSlots(1, HightouchQueueFullPolicy.wait);
        slots.take(1, Deadlines.after(System.nanoTime(), 60_000));
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(
                () -> slots.take(1, Deadlines.after(System.nanoTime(), 30_000)));
        Thread.sleep(100);
        assertThat(waiter).isNotDone();

        slots.release();

        waiter.get(10, TimeUnit.SECONDS);
        assertThat(slots.held()).isEqualTo(1);
    }

    @Test
    void closeWakesTheWaitersAndRefusesNewcomers() throws Exception {
        QueueSlots slots = new QueueSlots(1, HightouchQueueFullPolicy.wait);
        slots.take(1, Deadlines.after(System.nanoTime(), 60_000));
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(
                () -> slots.take(1, Deadlines.after(System.nanoTime(), 60_000)));
        Thread.sleep(100);

        slots.close();

        assertThat(waiter).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(RejectedExecutionException.class).withMessageContaining("stopping");
        assertThatThrownBy(() -> slots.take(1, Deadlines.after(System.nanoTime(), 60_000)))
                .hasMessageContaining("stopping");
    }

    @Test
    void moreEventsThanTheQueueHoldsAreRefusedAtOnce() {
        QueueSlots slots = new QueueSlots(3, HightouchQueueFullPolicy.wait);

        assertThatThrownBy(() -> slots.take(4, Deadlines.after(System.nanoTime(), 60_000)))
                .hasMessageContaining("more than the queue holds (maxQueuedEvents=3)");
        assertThat(slots.held()).isZero();
    }
}
