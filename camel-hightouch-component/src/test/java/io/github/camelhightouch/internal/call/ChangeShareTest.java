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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelhightouch.internal.call.RequestRateLimiter.Admission;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two classes of the limiter, driven by a clock of the test's own (no timer runs: the tickets' scheduler is shut
 * down, so the test calls the release itself when the next token is due): no window of a period ever holds more
 * than the rate, whatever mix of changes and reads arrives when; a change waiting behind a flood of reads goes at the
 * next free token; the reads keep the rest of each window while changes flood; with share 0 the queue is FIFO.
 */
class ChangeShareTest {

    private static final ScheduledExecutorService STOPPED = Executors.newSingleThreadScheduledExecutor();
    private static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(1000);

    static {
        STOPPED.shutdown();
    }

    @AfterAll
    static void stop() {
        ((ExecutorService) STOPPED).shutdownNow();
    }

    /** A ticket that records the (test clock) time it was granted at. */
    private static final class Ticket implements RequestRateLimiter.Ticket {
        final boolean change;
        final long arrival;
        final AtomicBoolean claimed = new AtomicBoolean();
        long grantedAt = -1;
        private final long[] clock;

        Ticket(boolean change, long arrival, long[] clock) {
            this.change = change;
            this.arrival = arrival;
            this.clock = clock;
        }

        @Override
        public boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        @Override
        public void granted(int token) {
            grantedAt = clock[0];
        }

        @Override
        public void rejected(RuntimeException reason) {
            throw new AssertionError("rejected", reason);
        }

        @Override
        public ScheduledExecutorService scheduler() {
            return STOPPED;
        }

        @Override
        public boolean changes() {
            return change;
        }
    }

    private record Arrival(long atMillis, boolean change) {
    }

    /** Runs the arrivals through a limiter on the test clock until every ticket is granted. */
    private static List<Ticket> simulate(RequestRateLimiter limiter, List<Arrival> arrivals) {
        long[] clock = { 0 };
        List<Ticket> tickets = new ArrayList<>();
        List<Arrival> sorted = new ArrayList<>(arrivals);
        sorted.sort((a, b) -> Long.compare(a.atMillis, b.atMillis));
        int next = 0;
        while (next < sorted.size() || limiter.waitingCount() > 0) {
            long arrivalAt = next < sorted.size() ? TimeUnit.MILLISECONDS.toNanos(sorted.get(next).atMillis) : Long.MAX_VALUE;
            long releaseAt = limiter.waitingCount() > 0 ? clock[0] + limiter.nanosUntilNextToken(clock[0]) : Long.MAX_VALUE;
            if (arrivalAt <= releaseAt) {
                clock[0] = Math.max(clock[0], arrivalAt);
                Ticket ticket = new Ticket(sorted.get(next).change, clock[0], clock);
                tickets.add(ticket);
                next++;
                if (limiter.admit(ticket, clock[0]) == Admission.GRANTED) {
                    ticket.grantedAt = clock[0];
                }
            } else {
                clock[0] = releaseAt;
                limiter.release(clock[0]);
            }
        }
        return tickets;
    }

    @Provide
    Arbitrary<List<Arrival>> arrivals() {
        Arbitrary<Arrival> arrival = Combinators.combine(Arbitraries.longs().between(0, 5000), Arbitraries.of(true, false))
                .as(Arrival::new);
        return arrival.list().ofMinSize(1).ofMaxSize(120);
    }

    @Property(tries = 300)
    void noWindowEverHoldsMoreThanTheRateAndEveryTicketGoes(@ForAll("arrivals") List<Arrival> arrivals,
                                                           @ForAll @IntRange(min = 1, max = 12) int rate,
                                                           @ForAll @IntRange(min = 0, max = 100) int share) {
        List<Ticket> tickets = simulate(new RequestRateLimiter(rate, 1000, 1000, share), arrivals);
        List<Long> sends = tickets.stream().map(t -> t.grantedAt).sorted().toList();
        assertThat(sends).doesNotContain(-1L);
        for (int i = 0; i + rate < sends.size(); i++) {
            assertThat(sends.get(i + rate) - sends.get(i)).as("send %d and %d of %s", i, i + rate, sends)
                    .isGreaterThanOrEqualTo(PERIOD);
        }
    }

    @Test
    void aChangeBehindAFloodOfReadsGoesAtTheNextFreeToken() {
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            arrivals.add(new Arrival(0, false));
        }
        arrivals.add(new Arrival(10, true));
        List<Ticket> shared = simulate(new RequestRateLimiter(10, 1000, 1000, 80), arrivals);
        Ticket change = shared.stream().filter(t -> t.change).findFirst().orElseThrow();
        // the first window went to the reads that came first; the change takes the first token that comes back
        assertThat(change.grantedAt).isEqualTo(PERIOD);

        List<Ticket> fifo = simulate(new RequestRateLimiter(10, 1000, 1000, 0), arrivals);
        Ticket queued = fifo.stream().filter(t -> t.change).findFirst().orElseThrow();
        assertThat(queued.grantedAt).as("in arrival order, behind the hundred reads").isEqualTo(10 * PERIOD);
    }

    @Test
    void withShareZeroAChangeQueuedBeforeReadsGoesBeforeThem() {
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            arrivals.add(new Arrival(0, false));
        }
        // the window is full: the change queues first, a hundred reads after it
        arrivals.add(new Arrival(1, true));
        for (int i = 0; i < 100; i++) {
            arrivals.add(new Arrival(2, false));
        }
        List<Ticket> fifo = simulate(new RequestRateLimiter(10, 1000, 1000, 0), arrivals);
        Ticket change = fifo.stream().filter(t -> t.change).findFirst().orElseThrow();
        assertThat(change.grantedAt).as("first in the queue, first out").isEqualTo(PERIOD);
    }

    @Test
    void whileChangesFloodTheReadsKeepTheRestOfEachWindow() {
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            arrivals.add(new Arrival(0, true));
        }
        for (int i = 0; i < 50; i++) {
            arrivals.add(new Arrival(1, false));
        }
        List<Ticket> tickets = simulate(new RequestRateLimiter(10, 1000, 1000, 80), arrivals);
        // in each full window, 8 changes pass the reads, the other 2 tokens go in arrival order: to the reads
        for (int window = 1; window <= 5; window++) {
            long start = window * PERIOD;
            long reads = tickets.stream().filter(t -> !t.change && t.grantedAt >= start && t.grantedAt < start + PERIOD)
                    .count();
            long changes = tickets.stream().filter(t -> t.change && t.grantedAt >= start && t.grantedAt < start + PERIOD)
                    .count();
            assertThat(reads).as("reads in window %d", window).isEqualTo(2);
            assertThat(changes).as("changes in window %d", window).isEqualTo(8);
        }
    }

    @Test
    void withNoChangeWaitingTheReadsTakeEveryToken() {
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            arrivals.add(new Arrival(0, false));
        }
        List<Ticket> tickets = simulate(new RequestRateLimiter(10, 1000, 1000, 80), arrivals);
        assertThat(tickets.stream().filter(t -> t.grantedAt < PERIOD)).hasSize(10);
        assertThat(tickets.stream().mapToLong(t -> t.grantedAt).max().getAsLong()).isEqualTo(2 * PERIOD);
    }
}
