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
package io.github.camelhightouch.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestRateLimiterTest {

    @Test
    void noWindowEverHoldsMoreThanThePermitsAndWaitersHoldNoThread() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            RequestRateLimiter limiter = new RequestRateLimiter(10, 200);
            List<Long> starts = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(45);
            int ranInline = 0;
            for (int i = 0; i < 45; i++) {
                if (limiter.runOrQueue(() -> {
                    starts.add(System.nanoTime());
                    done.countDown();
                }, scheduler, workers)) {
                    ranInline++;
                }
            }
            // the caller was never blocked: the first 10 ran at once, 35 are queued
            assertThat(ranInline).isEqualTo(10);
            assertThat(limiter.waitingCount()).isEqualTo(35);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            List<Long> sorted = starts.stream().sorted().toList();
            for (int i = 10; i < sorted.size(); i++) {
                long gap = TimeUnit.NANOSECONDS.toMillis(sorted.get(i) - sorted.get(i - 10));
                assertThat(gap).as("start %d vs start %d", i, i - 10).isGreaterThanOrEqualTo(199);
            }
        } finally {
            scheduler.shutdownNow();
            workers.shutdownNow();
        }
    }
}
