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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waits, on the caller's thread, for a token of a {@link RequestRateLimiter} until a deadline: for a one-off request
 * outside the call runners (the health check's probe) that must spend the key's shared budget like any other request.
 * It waits in the same FIFO queue as the routes' requests; a wait that reaches its deadline leaves the queue and
 * spends nothing.
 */
public final class RateLimitPermit {

    /** What came of the wait. */
    public enum Result {
        /** A token was spent: send now. */
        GRANTED,
        /** The limiter's queue is full: nothing was spent. */
        QUEUE_FULL,
        /** No token came before the deadline (or the limiter refused it while stopping): nothing was spent. */
        TIMED_OUT
    }

    private RateLimitPermit() {
    }

    /**
     * Takes a token of the limiter, waiting at most until {@code deadline} (a {@link System#nanoTime()} value).
     */
    public static Result acquire(RequestRateLimiter limiter, ScheduledExecutorService scheduler, long deadline)
            throws InterruptedException {
        WaitingTicket ticket = new WaitingTicket(scheduler);
        switch (limiter.admit(ticket)) {
            case GRANTED:
                return Result.GRANTED;
            case FULL:
                return Result.QUEUE_FULL;
            case ENDED:
                return Result.TIMED_OUT;
            default:
                break;
        }
        try {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                ticket.granted.get(left, TimeUnit.NANOSECONDS);
                return Result.GRANTED;
            }
        } catch (TimeoutException | ExecutionException e) {
            // the deadline came first, or the limiter refused the token
        } catch (InterruptedException e) {
            ticket.end(limiter);
            throw e;
        }
        // too late to send even if the token came in the meantime: the request would only end past its deadline
        ticket.end(limiter);
        return Result.TIMED_OUT;
    }

    private static final class WaitingTicket implements RequestRateLimiter.Ticket {

        private static final int WAITING = 0;
        private static final int CLAIMED = 1;
        private static final int ENDED = 2;

        private final ScheduledExecutorService scheduler;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final CompletableFuture<Void> granted = new CompletableFuture<>();

        WaitingTicket(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public boolean claim() {
            return state.compareAndSet(WAITING, CLAIMED);
        }

        @Override
        public void granted(int token) {
            granted.complete(null);
        }

        @Override
        public void rejected(RuntimeException reason) {
            granted.completeExceptionally(reason);
        }

        @Override
        public ScheduledExecutorService scheduler() {
            return scheduler;
        }

        /** Ends the wait: a ticket not claimed yet leaves the queue and spends nothing. */
        void end(RequestRateLimiter from) {
            if (state.compareAndSet(WAITING, ENDED)) {
                from.withdraw(this);
            }
        }
    }
}
