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
package io.github.camelhightouch.internal.call;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelhightouch.internal.call.RequestRateLimiter.Admission;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 429-adaptive rate: a 429 halves it (once per period), quiet periods raise it step by step, never above the
 * configured rate nor below 1, also under concurrent answers. The clock is the test's.
 */
class AdaptiveRateTest {

    private static final long PERIOD = TimeUnit.SECONDS.toNanos(10);

    @Test
    void a429HalvesAndQuietPeriodsRecoverStepByStep() {
        AdaptiveRate rate = new AdaptiveRate(200, PERIOD);
        long now = 1_000;
        assertThat(rate.current()).isEqualTo(200);
        rate.accepted(now);
        assertThat(rate.current()).as("nothing to recover").isEqualTo(200);

        rate.throttled(now);
        assertThat(rate.current()).isEqualTo(100);
        rate.throttled(now + PERIOD - 1);
        assertThat(rate.current()).as("a 429 within the period answers a request sent at the old rate").isEqualTo(100);
        rate.accepted(now + PERIOD - 1);
        assertThat(rate.current()).as("not quiet for a whole period yet").isEqualTo(100);

        now += PERIOD;
        rate.accepted(now);
        assertThat(rate.current()).as("a twentieth of 200 per quiet period").isEqualTo(110);
        rate.accepted(now + PERIOD / 2);
        assertThat(rate.current()).as("one step per period").isEqualTo(110);
        now += PERIOD;
        rate.accepted(now);
        assertThat(rate.current()).isEqualTo(120);

        rate.throttled(now + 1);
        assertThat(rate.current()).as("a 429 after an increase halves at once").isEqualTo(60);
        now += 1;
        for (int i = 1; i <= 14; i++) {
            now += PERIOD;
            rate.accepted(now);
            assertThat(rate.current()).isEqualTo(Math.min(200, 60 + 10 * i));
        }
        assertThat(rate.current()).as("never above the configured rate").isEqualTo(200);
    }

    @Test
    void neverBelowOneAndASmallRateRecoversOneAtATime() {
        AdaptiveRate rate = new AdaptiveRate(3, PERIOD);
        long now = 0;
        for (int i = 0; i < 5; i++) {
            rate.throttled(now);
            now += PERIOD;
        }
        assertThat(rate.current()).isEqualTo(1);
        assertThat(rate.step()).isEqualTo(1);
        rate.accepted(now);
        assertThat(rate.current()).isEqualTo(2);
        rate.accepted(now + PERIOD);
        assertThat(rate.current()).isEqualTo(3);
        rate.accepted(now + 2 * PERIOD);
        assertThat(rate.current()).isEqualTo(3);
    }

    /** One answer: whether it was a 429, and how long after the previous one it came. */
    record Answer(boolean throttled, long gap) {
    }

    @Provide
    Arbitrary<List<Answer>> answers() {
        return Combinators.combine(Arbitraries.integers().between(0, 9).map(i -> i < 3),
                Arbitraries.longs().between(0, 2 * PERIOD))
                .as(Answer::new).list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(tries = 300)
    void everyAnswerMovesTheRateAsDocumented(@ForAll @IntRange(min = 1, max = 1000) int configured,
                                             @ForAll("answers") List<Answer> answers) {
        AdaptiveRate rate = new AdaptiveRate(configured, PERIOD);
        int step = Math.max(1, configured / 20);
        long now = -5 * PERIOD;
        Long lastDecrease = null;
        long lastChange = Long.MIN_VALUE / 2;
        for (Answer answer : answers) {
            now += answer.gap();
            int before = rate.current();
            if (answer.throttled()) {
                rate.throttled(now);
                boolean halves = lastDecrease == null || now - lastDecrease >= PERIOD;
                assertThat(rate.current()).isEqualTo(halves ? Math.max(1, before / 2) : before);
                if (halves) {
                    lastDecrease = now;
                    lastChange = now;
                }
            } else {
                rate.accepted(now);
                boolean rises = before < configured && now - lastChange >= PERIOD;
                assertThat(rate.current()).isEqualTo(rises ? Math.min(configured, before + step) : before);
                if (rises) {
                    lastChange = now;
                }
            }
            assertThat(rate.current()).isBetween(1, configured);
        }
    }

    @Property(tries = 50)
    void concurrentAnswersKeepTheRateInBounds(@ForAll @IntRange(min = 1, max = 400) int configured,
                                              @ForAll @Size(min = 2, max = 8) List<@IntRange(min = 0, max = 9) Integer> mixes)
            throws Exception {
        AdaptiveRate rate = new AdaptiveRate(configured, 1000);
        AtomicLong clock = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(mixes.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> workers = new ArrayList<>();
            for (int mix : mixes) {
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 2000; i++) {
                        long now = clock.addAndGet(7);
                        if (i % 10 < mix) {
                            rate.accepted(now);
                        } else {
                            rate.throttled(now);
                        }
                        int seen = rate.current();
                        if (seen < 1 || seen > configured) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            start.countDown();
            for (Future<Boolean> worker : workers) {
                assertThat(worker.get(20, TimeUnit.SECONDS)).as("rate within 1..%d throughout", configured).isTrue();
            }
            // quiet from now on: the rate climbs back to the configured one and stops there
            long now = clock.get();
            for (int i = 0; i < 25 * 20 && rate.current() < configured; i++) {
                now += 1000;
                rate.accepted(now);
            }
            assertThat(rate.current()).isEqualTo(configured);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theLimiterGrantsOnlyTheCurrentRate() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            RequestRateLimiter limiter = new RequestRateLimiter(10, 60_000, 100);
            limiter.throttled();
            assertThat(limiter.currentRate()).isEqualTo(5);
            List<Admission> admissions = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                admissions.add(limiter.admit(new Claimable(scheduler)));
            }
            assertThat(admissions).containsExactly(Admission.GRANTED, Admission.GRANTED, Admission.GRANTED,
                    Admission.GRANTED, Admission.GRANTED, Admission.QUEUED, Admission.QUEUED, Admission.QUEUED);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aFullRingStillGrantsOnlyTheCurrentRateAfterAHalving() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            RequestRateLimiter limiter = new RequestRateLimiter(4, 300, 100);
            for (int i = 0; i < 4; i++) {
                assertThat(limiter.admit(new Claimable(scheduler))).isEqualTo(Admission.GRANTED);
            }
            Thread.sleep(400);
            // the ring is full, every token is back; at half the rate, two go and the third waits
            limiter.throttled();
            assertThat(limiter.admit(new Claimable(scheduler))).isEqualTo(Admission.GRANTED);
            assertThat(limiter.admit(new Claimable(scheduler))).isEqualTo(Admission.GRANTED);
            assertThat(limiter.admit(new Claimable(scheduler))).isEqualTo(Admission.QUEUED);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void theLimiterConcurrentlyAdmittingAndThrottledNeverGrantsMoreThanThePermits() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            RequestRateLimiter limiter = new RequestRateLimiter(50, 60_000, 10_000);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int worker = t;
                workers.add(pool.submit(() -> {
                    start.await();
                    int granted = 0;
                    for (int i = 0; i < 100; i++) {
                        if (worker == 0 && i % 20 == 0) {
                            limiter.throttled();
                        }
                        if (limiter.admit(new Claimable(scheduler)) == Admission.GRANTED) {
                            granted++;
                        }
                    }
                    return granted;
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<Integer> worker : workers) {
                granted += worker.get(20, TimeUnit.SECONDS);
            }
            assertThat(granted).isBetween(1, 50);
            assertThat(limiter.currentRate()).isBetween(1, 50);
            assertThat(limiter.waitingCount()).isEqualTo(400 - granted);
        } finally {
            pool.shutdownNow();
            scheduler.shutdownNow();
        }
    }

    /** A ticket nobody ends. */
    private record Claimable(ScheduledExecutorService scheduler) implements RequestRateLimiter.Ticket {
        @Override
        public boolean claim() {
            return true;
        }

        @Override
        public void granted(int token) {
        }

        @Override
        public void rejected(RuntimeException reason) {
        }
    }
}
