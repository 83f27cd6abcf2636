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

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code permits} requests in any window of {@code period}: a token bucket whose every token comes back
 * exactly one period after the request that spent it left. Unlike a bucket refilled at a steady rate, it never lets a
 * burst and the refill together exceed the limit in one window, which is how Hightouch counts (200 requests per 10
 * seconds).
 * <p>
 * Nobody blocks here. A request that finds a token runs at once on its own thread; the others wait in a FIFO queue,
 * holding no thread, and a timer on the scheduler hands each one to the worker pool when a token comes back. A token
 * is spent when the request is released, not when it is queued, so a late release can never bunch two windows into
 * one.
 */
public final class RequestRateLimiter {

    private final long periodNanos;
    private final long[] spentAt;
    private final Queue<Waiting> waiting = new ArrayDeque<>();
    private int oldest;
    private boolean timerArmed;

    private record Waiting(Runnable task, ScheduledExecutorService scheduler, Executor workers) {
    }

    public RequestRateLimiter(int permits, long periodMillis) {
        if (permits <= 0 || periodMillis <= 0) {
            throw new IllegalArgumentException("rateLimit and rateLimitPeriod must be positive");
        }
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        this.spentAt = new long[permits];
        Arrays.fill(spentAt, System.nanoTime() - periodNanos);
    }

    /**
     * Runs the task on the calling thread when a token is free and nobody is waiting before it; otherwise queues it
     * and returns at once.
     *
     * @return true when the task already ran
     */
    public boolean runOrQueue(Runnable task, ScheduledExecutorService scheduler, Executor workers) {
        synchronized (this) {
            if (!waiting.isEmpty() || !trySpend(System.nanoTime())) {
                waiting.add(new Waiting(task, scheduler, workers));
                armTimer(scheduler);
                return false;
            }
        }
        // the token is spent: run outside the lock
        task.run();
        return true;
    }

    /**
     * How many requests are waiting for a token.
     */
    public synchronized int waitingCount() {
        return waiting.size();
    }

    private boolean trySpend(long now) {
        return spend(now) >= 0;
    }

    /** Spends the oldest token if it is back; its index, or -1. */
    private int spend(long now) {
        if (now - spentAt[oldest] < periodNanos) {
            return -1;
        }
        int token = oldest;
        spentAt[token] = now;
        oldest = (oldest + 1) % spentAt.length;
        return token;
    }

    /** A released task that stamps its token again when it really starts: a busy worker pool cannot bunch requests. */
    private Runnable stamped(int token, Runnable task) {
        return () -> {
            synchronized (this) {
                spentAt[token] = Math.max(spentAt[token], System.nanoTime());
            }
            task.run();
        };
    }

    private void armTimer(ScheduledExecutorService scheduler) {
        if (timerArmed) {
            return;
        }
        long delay = Math.max(0, spentAt[oldest] + periodNanos - System.nanoTime());
        try {
            scheduler.schedule(this::release, delay, TimeUnit.NANOSECONDS);
            timerArmed = true;
        } catch (RejectedExecutionException stopping) {
            // the component is stopping: let the waiting calls run now and fail fast instead of hanging
            Waiting next;
            while ((next = waiting.poll()) != null) {
                next.task().run();
            }
        }
    }

    /** The timer: releases every waiting request that now has a token, then re-arms for the next. */
    private void release() {
        synchronized (this) {
            timerArmed = false;
            long now = System.nanoTime();
            int token;
            while (!waiting.isEmpty() && (token = spend(now)) >= 0) {
                Waiting next = waiting.poll();
                try {
                    next.workers().execute(stamped(token, next.task()));
                } catch (RejectedExecutionException stopping) {
                    next.task().run();
                }
            }
            if (!waiting.isEmpty()) {
                armTimer(waiting.peek().scheduler());
            }
        }
    }
}
