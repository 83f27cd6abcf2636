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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelhightouch.internal.call.RequestRateLimiter.Admission;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestRateLimiterTest {

    /** A ticket as a call would be: claimable once, unless it ended before. */
    private static final class TestTicket implements RequestRateLimiter.Ticket {
        private final ScheduledExecutorService scheduler;
        private final List<Long> starts;
        private final CountDownLatch done;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final AtomicBoolean ended = new AtomicBoolean();

        TestTicket(ScheduledExecutorService scheduler, List<Long> starts, CountDownLatch done) {
            this.scheduler = scheduler;
            this.starts = starts;
            this.done = done;
        }

        @Override
        public boolean claim() {
            return !ended.get() && claimed.compareAndSet(false, true);
        }

        @Override
        public void granted(int token) {
            starts.add(System.nanoTime());
            done.countDown();
        }

        @Override
        public void rejected(RuntimeException reason) {
            done.countDown();
        }

        @Override
        public ScheduledExecutorService scheduler() {
            return scheduler;
        }
    }

    @Test
    void noWindowEverHoldsMoreThanThePermitsAndWaitersHoldNoThread() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            RequestRateLimiter limiter = new RequestRateLimiter(10, 200, 1000);
            List<Long> starts = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(45);
            int granted = 0;
            for (int i = 0; i < 45; i++) {
                TestTicket ticket = new TestTicket(scheduler, starts, done);
                if (limiter.admit(ticket) == Admission.GRANTED) {
                    granted++;
                    ticket.granted(0);
                }
            }
            // the caller was never blocked: the first 10 went at once, 35 are queued
            assertThat(granted).isEqualTo(10);
            assertThat(limiter.waitingCount()).isEqualTo(35);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            List<Long> sorted = starts.stream().sorted().toList();
            for (int i = 10; i < sorted.size(); i++) {
                long gap = TimeUnit.NANOSECONDS.toMillis(sorted.get(i) - sorted.get(i - 10));
                assertThat(gap).as("start %d vs start %d", i, i - 10).isGreaterThanOrEqualTo(199);
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void theQueueIsBoundedAndAFullQueueRefusesAtOnce() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            RequestRateLimiter limiter = new RequestRateLimiter(1, 60_000, 3);
            List<Admission> admissions = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                admissions.add(limiter.admit(new TestTicket(scheduler, new ArrayList<>(), new CountDownLatch(1))));
            }
            assertThat(admissions).containsExactly(Admission.GRANTED, Admission.QUEUED, Admission.QUEUED,
                    Admission.QUEUED, Admission.FULL, Admission.FULL);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aWithdrawnOrEndedTicketSpendsNoToken() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            RequestRateLimiter limiter = new RequestRateLimiter(1, 300, 10);
            List<Long> starts = new CopyOnWriteArrayList<>();
            CountDownLatch none = new CountDownLatch(1);
            assertThat(limiter.admit(new TestTicket(scheduler, starts, none))).isEqualTo(Admission.GRANTED);
            TestTicket withdrawn = new TestTicket(scheduler, starts, none);
            TestTicket ended = new TestTicket(scheduler, starts, none);
            CountDownLatch third = new CountDownLatch(1);
            TestTicket live = new TestTicket(scheduler, starts, third);
            assertThat(limiter.admit(withdrawn)).isEqualTo(Admission.QUEUED);
            assertThat(limiter.admit(ended)).isEqualTo(Admission.QUEUED);
            assertThat(limiter.admit(live)).isEqualTo(Admission.QUEUED);
            assertThat(limiter.withdraw(withdrawn)).isTrue();
            ended.ended.set(true);
            long queuedAt = System.nanoTime();
            assertThat(third.await(5, TimeUnit.SECONDS)).isTrue();
            // the live ticket got the first token that came back: the two before it spent none
            assertThat(TimeUnit.NANOSECONDS.toMillis(starts.get(0) - queuedAt)).isLessThan(600);
            assertThat(starts).hasSize(1);
            assertThat(limiter.waitingCount()).isZero();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aStoppedSchedulerDoesNotStrandTheQueue() throws Exception {
        ScheduledExecutorService stopped = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService alive = Executors.newSingleThreadScheduledExecutor();
        try {
            RequestRateLimiter limiter = new RequestRateLimiter(1, 200, 10);
            List<Long> starts = new CopyOnWriteArrayList<>();
            assertThat(limiter.admit(new TestTicket(stopped, starts, new CountDownLatch(1)))).isEqualTo(Admission.GRANTED);
            TestTicket first = new TestTicket(stopped, starts, new CountDownLatch(1));
            assertThat(limiter.admit(first)).isEqualTo(Admission.QUEUED);
            // its component stops: the armed timer is dropped, its ticket withdrawn
            stopped.shutdownNow();
            limiter.withdraw(first);
            CountDownLatch later = new CountDownLatch(1);
            assertThat(limiter.admit(new TestTicket(alive, starts, later))).isEqualTo(Admission.QUEUED);
            assertThat(later.await(5, TimeUnit.SECONDS)).as("released on the live scheduler").isTrue();
        } finally {
            alive.shutdownNow();
        }
    }
}
