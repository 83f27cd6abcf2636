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

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.github.camelhightouch.HightouchQueueFullPolicy;
import io.github.camelhightouch.internal.call.Deadlines;

/**
 * The bound on the events an endpoint holds (queued or in flight): maxQueuedEvents places, one per event, taken
 * before the event is queued and given back when its exchange completes. When none is free the policy decides: fail
 * at once, or wait (holding the caller's thread, as Kafka's producer does on a full buffer) until the deadline.
 */
final class QueueSlots {

    private final int capacity;
    private final HightouchQueueFullPolicy policy;
    private final Semaphore free;
    private volatile boolean closed;

    QueueSlots(int capacity, HightouchQueueFullPolicy policy) {
        this.capacity = capacity;
        this.policy = policy;
        this.free = new Semaphore(capacity, true);
    }

    /**
     * Takes places for {@code count} events.
     *
     * @param  deadline                   the {@link System#nanoTime()} after which a waiting caller gives up
     * @throws RejectedExecutionException when no place is free (fail), none became free in time (wait), the queue
     *                                    is closed, or the thread was interrupted; nothing was queued
     */
    void take(int count, long deadline) {
        if (count > capacity) {
            throw new RejectedExecutionException(count + " events are more than the queue holds (maxQueuedEvents="
                                                 + capacity + ")");
        }
        refuseIfClosed();
        boolean taken;
        if (policy == HightouchQueueFullPolicy.fail) {
            taken = free.tryAcquire(count);
        } else {
            try {
                taken = free.tryAcquire(count, Deadlines.millisLeft(deadline), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RejectedExecutionException("interrupted while waiting for room in the events queue");
            }
        }
        if (!taken) {
            throw new RejectedExecutionException("the events queue is full (maxQueuedEvents=" + capacity + ", "
                                                 + (policy == HightouchQueueFullPolicy.fail ? "queueFullPolicy=fail"
                                                         : "no room within requestTimeout")
                                                 + ")");
        }
        if (closed) {
            free.release(count);
            refuseIfClosed();
        }
    }

    /** Gives one place back. */
    void release() {
        release(1);
    }

    /** Gives {@code count} places back at once, as {@link #take} took them. */
    void release(int count) {
        free.release(count);
    }

    /** How many events are held now (queued or in flight). */
    int held() {
        return closed ? 0 : Math.max(0, capacity - free.availablePermits());
    }

    /** Refuses every caller from now on, and wakes those waiting so that they fail at once. */
    void close() {
        closed = true;
        // far more places than anyone waits for: each waiter takes its own, sees the queue closed and fails
        free.release(Integer.MAX_VALUE / 2);
    }

    private void refuseIfClosed() {
        if (closed) {
            throw new RejectedExecutionException("the endpoint is stopping");
        }
    }
}
