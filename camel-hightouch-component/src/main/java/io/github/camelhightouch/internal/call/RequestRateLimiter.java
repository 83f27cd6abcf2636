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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code permits} requests in any window of {@code period}: a token bucket whose every token comes back
 * exactly one period after the request that spent it left. Unlike a bucket refilled at a steady rate, it never lets a
 * burst and the refill together exceed the limit in one window, which is how Hightouch counts (200 requests per 10
 * seconds).
 * <p>
 * Nobody blocks here. A request that finds a token goes at once; the others wait in a bounded FIFO queue, holding no
 * thread, and a timer hands each one a token when one comes back. A token is spent only by a request that is still
 * live when it is released ({@link Ticket#claim()}): a call that expired or was stopped while queued leaves the queue
 * ({@link #withdraw}) and spends nothing. The timer runs on the scheduler of a waiting request; when that scheduler is
 * gone (its component stopped), the next waiting request's scheduler takes over, so a stopped component can never
 * leave the queue without a timer.
 * <p>
 * The number of requests per period adapts to Hightouch's answers ({@link AdaptiveRate}): a 429 halves it, a quiet
 * period raises it again step by step, up to {@code permits}. Several replicas sharing one workspace budget thus
 * converge instead of storming it.
 * <p>
 * Two classes share the budget: requests that change something ({@link Ticket#changes()}: creates, updates, triggers)
 * and reads (polls of waits, lists, lookups), each in arrival order. While both wait, a token goes to the oldest
 * change as long as fewer than {@code changeShare} percent of the current rate went to changes in the last period,
 * else to the oldest read; when only one class waits, it takes every token. Hundreds of polling waits thus never
 * starve a create (changes get at least their share of each window), and a flood of changes never starves the polls
 * (reads get at least the rest).
 */
public final class RequestRateLimiter {

    /** A request waiting for a token. */
    public interface Ticket {
        /** Takes the ticket out of the queue for sending; false when its call has already ended. */
        boolean claim();

        /**
         * The claimed ticket got its token: send now, and {@link #restamp} the token when the request really starts.
         * Called outside the limiter's lock.
         */
        void granted(int token);

        /** The claimed ticket's token came but it cannot be sent (its component is stopping). */
        void rejected(RuntimeException reason);

        /** The scheduler the limiter's timer may use while this ticket waits. */
        ScheduledExecutorService scheduler();

        /**
         * Whether the request changes something in Hightouch (any method but GET): such requests may pass waiting
         * reads within the change share of each window.
         */
        default boolean changes() {
            return false;
        }
    }

    /** What became of a request that asked for a token. */
    public enum Admission {
        /** It has its token and was claimed: send it now. */
        GRANTED,
        /** It waits in the queue; {@link Ticket#granted()} follows. */
        QUEUED,
        /** The queue is full: fail it at once. */
        FULL,
        /** Its call had already ended: nothing to do. */
        ENDED
    }

    private final int permits;
    private final long periodNanos;
    private final int maxQueued;
    private final int changeShare;
    private final long[] spentAt;
    private final AdaptiveRate rate;
    private final Deque<Ticket> waiting = new ArrayDeque<>();
    /** When the changes of the last period were sent, oldest first (pruned as they leave the window). */
    private final Deque<Long> changesSentAt = new ArrayDeque<>();
    private int changesWaiting;
    private int spent;
    private int oldest;
    private ScheduledFuture<?> timer;
    private ScheduledExecutorService timerScheduler;

    /** A limiter whose queue is served in arrival order only (no change share). */
    public RequestRateLimiter(int permits, long periodMillis, int maxQueued) {
        this(permits, periodMillis, maxQueued, 0);
    }

    /**
     * @param changeShare the percentage (0 to 100) of the current rate that changes may take ahead of waiting reads
     */
    public RequestRateLimiter(int permits, long periodMillis, int maxQueued, int changeShare) {
        if (permits <= 0 || periodMillis <= 0 || maxQueued <= 0) {
            throw new IllegalArgumentException("rateLimit, rateLimitPeriod and rateLimitQueueSize must be positive");
        }
        if (changeShare < 0 || changeShare > 100) {
            throw new IllegalArgumentException("rateLimitChangeShare must be between 0 and 100");
        }
        this.changeShare = changeShare;
        this.permits = permits;
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        this.maxQueued = maxQueued;
        this.spentAt = new long[permits];
        this.rate = new AdaptiveRate(permits, periodNanos);
    }

    /** Hightouch answered 429 anyway (other replicas spend the same budget): the rate backs off. */
    public void throttled() {
        rate.throttled(System.nanoTime());
    }

    /** Hightouch answered something other than 429: after a quiet period the rate recovers a step. */
    public void accepted() {
        rate.accepted(System.nanoTime());
    }

    /** The requests per period allowed now, between 1 and {@code permits}. */
    public int currentRate() {
        return rate.current();
    }

    /**
     * Gives the ticket a token now if one is free and nobody waits before it (a change: or only reads it may pass),
     * else queues it (unless the queue is full).
     */
    public Admission admit(Ticket ticket) {
        synchronized (this) {
            return admit(ticket, System.nanoTime());
        }
    }

    /** {@link #admit(Ticket)} at a given time; package-private so that tests drive the clock. */
    Admission admit(Ticket ticket, long now) {
        synchronized (this) {
            boolean change = ticket.changes();
            if (tokenFree(now) && (waiting.isEmpty() || change && changesWaiting == 0 && changeMayPass(now))) {
                if (!ticket.claim()) {
                    return Admission.ENDED;
                }
                spend(now, change);
                return Admission.GRANTED;
            }
            if (waiting.size() >= maxQueued) {
                return Admission.FULL;
            }
            waiting.addLast(ticket);
            if (change) {
                changesWaiting++;
            }
            armTimer(now);
            return Admission.QUEUED;
        }
    }

    /**
     * Takes a ticket out of the queue without spending a token (its call expired or stopped).
     *
     * @return whether it was still waiting
     */
    public synchronized boolean withdraw(Ticket ticket) {
        boolean removed = waiting.remove(ticket);
        if (removed && ticket.changes()) {
            changesWaiting--;
        }
        if (removed && waiting.isEmpty() && timer != null) {
            timer.cancel(false);
            timer = null;
        }
        return removed;
    }

    /** How many requests wait for a token. */
    public synchronized int waitingCount() {
        return waiting.size();
    }

    /**
     * How many requests could go at once now without waiting: the current rate less those sent within the last
     * period. A figure for JMX, the dev console and the metrics; it takes the limiter's lock for one pass over the
     * send times.
     */
    public synchronized int tokensFree() {
        long now = System.nanoTime();
        int recent = 0;
        for (int i = 0, sent = Math.min(spent, permits); i < sent; i++) {
            if (now - spentAt[i] < periodNanos) {
                recent++;
            }
        }
        return Math.max(0, rate.current() - recent);
    }

    /** The most requests that may wait. */
    public int maxQueued() {
        return maxQueued;
    }

    /**
     * Re-arms the timer if its scheduler is gone while requests still wait (a component stopped, others go on).
     */
    public synchronized void rearm() {
        if (!waiting.isEmpty()) {
            armTimer(System.nanoTime());
        }
    }

    /** The percentage of the current rate that changes may take ahead of waiting reads. */
    public int changeShare() {
        return changeShare;
    }

    private boolean tokenFree(long now) {
        return waitNanos(now) <= 0;
    }

    /** Whether a change may pass waiting reads now: the changes of the last period are fewer than their share. */
    private boolean changeMayPass(long now) {
        while (!changesSentAt.isEmpty() && now - changesSentAt.peekFirst() >= periodNanos) {
            changesSentAt.pollFirst();
        }
        long share = (long) rate.current() * changeShare;
        return changesSentAt.size() * 100L < share;
    }

    /**
     * How long until a request may go: fewer than the current rate were sent in the last period, that is the request
     * as many places back as the rate allows left a whole period ago. The ring holds the send times in order.
     */
    private long waitNanos(long now) {
        int limit = rate.current();
        if (spent < limit) {
            return 0;
        }
        int index = spent < permits ? spent - limit : Math.floorMod(oldest - limit, permits);
        return periodNanos - (now - spentAt[index]);
    }

    private int spend(long now, boolean change) {
        if (change && changeShare > 0) {
            changesSentAt.addLast(now);
        }
        if (spent < permits) {
            spentAt[spent] = now;
            return spent++;
        }
        int token = oldest;
        spentAt[token] = now;
        oldest = (oldest + 1) % permits;
        return token;
    }

    /**
     * Stamps a released token again when its request really starts: a busy worker pool cannot bunch requests into
     * one window.
     */
    public synchronized void restamp(int token) {
        long now = System.nanoTime();
        if (now - spentAt[token] > 0) {
            spentAt[token] = now;
        }
    }

    private void armTimer(long now) {
        if (timer != null && !timer.isDone() && !timerScheduler.isShutdown()) {
            return;
        }
        timer = null;
        long delay = Math.max(0, waitNanos(now));
        for (Ticket ticket : waiting) {
            ScheduledExecutorService scheduler = ticket.scheduler();
            if (scheduler.isShutdown()) {
                continue;
            }
            try {
                timer = scheduler.schedule((Runnable) this::release, delay, TimeUnit.NANOSECONDS);
                timerScheduler = scheduler;
                return;
            } catch (RejectedExecutionException stopping) {
                // that component is stopping: its calls are being ended; try the next waiting request's scheduler
            }
        }
    }

    /** The timer: hands a token to each waiting request that can have one, then re-arms for the next. */
    private void release() {
        release(false, 0);
    }

    /** {@link #release()} at a given time; package-private so that tests drive the clock. */
    void release(long now) {
        release(true, now);
    }

    private void release(boolean atGivenTime, long givenNow) {
        List<Ticket> granted = new ArrayList<>();
        List<Integer> tokens = new ArrayList<>();
        synchronized (this) {
            timer = null;
            // the time is read under the lock: a stale time would stamp the tokens too early
            long now = atGivenTime ? givenNow : System.nanoTime();
            while (!waiting.isEmpty() && tokenFree(now)) {
                Ticket next = takeNext(now);
                if (next.claim()) {
                    tokens.add(spend(now, next.changes()));
                    granted.add(next);
                }
            }
            if (!waiting.isEmpty()) {
                armTimer(now);
            }
        }
        for (int i = 0; i < granted.size(); i++) {
            Ticket ticket = granted.get(i);
            try {
                ticket.granted(tokens.get(i));
            } catch (RuntimeException rejected) {
                ticket.rejected(rejected);
            }
        }
    }

    /**
     * Takes the next ticket out of the queue: the oldest change while changes are within their share, else the oldest
     * read, else the oldest change; with no share, the oldest ticket.
     */
    private Ticket takeNext(long now) {
        if (changeShare == 0) {
            // no share: one queue in arrival order, changes never behind reads that came after them
            Ticket first = waiting.pollFirst();
            if (first.changes()) {
                changesWaiting--;
            }
            return first;
        }
        boolean change;
        if (changesWaiting == 0) {
            change = false;
        } else if (changesWaiting == waiting.size()) {
            change = true;
        } else {
            change = changeMayPass(now);
        }
        for (Iterator<Ticket> it = waiting.iterator(); it.hasNext();) {
            Ticket ticket = it.next();
            if (ticket.changes() == change) {
                it.remove();
                if (change) {
                    changesWaiting--;
                }
                return ticket;
            }
        }
        throw new IllegalStateException("no waiting ticket of the class counted");
    }

    /** When the next waiting request may go, in nanoseconds from now (0: at once); for tests. */
    synchronized long nanosUntilNextToken(long now) {
        return Math.max(0, waitNanos(now));
    }
}
