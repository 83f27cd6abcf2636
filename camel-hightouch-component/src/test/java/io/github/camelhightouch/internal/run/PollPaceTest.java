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
package io.github.camelhightouch.internal.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.camelhightouch.HightouchWaitTimeoutException;
import io.github.camelhightouch.internal.progress.ProgressLog;
import io.github.camelhightouch.internal.run.SyncRunWaiter.RunType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A tight budget stretches a wait's poll interval, up to 4 times, and its deadline still holds: the last poll comes
 * at the deadline, and the wait times out as it does at a steady pace.
 */
class PollPaceTest {

    @Test
    void theStretchGrowsWithTheQueueUpToFourTimes() {
        assertThat(PollPace.stretch(0, 200)).isEqualTo(1);
        assertThat(PollPace.stretch(199, 200)).isEqualTo(1);
        assertThat(PollPace.stretch(200, 200)).isEqualTo(2);
        assertThat(PollPace.stretch(450, 200)).isEqualTo(3);
        assertThat(PollPace.stretch(100_000, 200)).isEqualTo(PollPace.MAX_STRETCH);
        assertThat(PollPace.stretch(5, 0)).as("a rate of 0 cannot divide").isEqualTo(PollPace.MAX_STRETCH);
        assertThat(new PollPace(() -> 600, () -> 200).delay(5000)).isEqualTo(20_000);
        assertThat(PollPace.STEADY.delay(5000)).isEqualTo(5000);
    }

    @Test
    void aStretchedWaitPollsLessAndStillPollsAtItsDeadlineThenTimesOut() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            SyncRunWaiter waiter = new SyncRunWaiter(scheduler);
            List<Long> polls = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            // a queue of 5 rates' worth: 50 ms stretched to 200 ms
            PollPace tight = new PollPace(() -> 1000, () -> 200);
            CompletableFuture<Map<String, Object>> result = waiter.await(new SyncRunWaiter.Wait("triggerSync",
                    RunType.SYNC_RUN, "42", "7", deadline -> {
                        polls.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                        return CompletableFuture.completedFuture(Map.of("id", 7, "status", "processing"));
                    }, 50, 1000, false, ProgressLog.OFF, tight));

            Throwable error = catchThrowable(() -> result.get(10, TimeUnit.SECONDS));

            assertThat(error).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(HightouchWaitTimeoutException.class);
            // at 50 ms a second holds about 20 polls; every stretched delay is at least 200 ms: at most 1 + 5 + 1
            assertThat(polls).as("poll times (ms)").hasSizeLessThanOrEqualTo(7).hasSizeGreaterThanOrEqualTo(2);
            assertThat(polls.get(polls.size() - 1)).as("the last poll comes at the deadline, not a stretch past it")
                    .isGreaterThanOrEqualTo(950);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
