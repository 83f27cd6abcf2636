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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.camelhightouch.internal.call.Deadlines;

/**
 * Gathers queued events into batches as Kafka's producer does: an open batch fills until it holds batchSize events,
 * one more event would take it over batchBytes, or lingerMs has passed since its first event; it is then ready, and
 * ready batches go out while fewer than {@value #MAX_IN_FLIGHT} are in flight. With lingerMs=0 the open batch is
 * ready at once, so events that arrive while batches are in flight share the next one.
 * <p>
 * Everything here runs under the accumulator's lock and never blocks; the batches to send are handed to the
 * dispatcher after the lock is released. Events that wait here past their deadline, and those still here when the
 * endpoint stops, fail without having been sent.
 */
final class BatchAccumulator {

    /** The most batches of one endpoint on the wire or backing off at once. */
    static final int MAX_IN_FLIGHT = 4;

    private final int batchSize;
    private final int batchBytes;
    private final long lingerMs;
    private final ScheduledExecutorService scheduler;
    private final Consumer<EventBatch> dispatcher;
    /** The error of an event that never got sent, from why (e.g. "requestTimeout passed while ..."). */
    private final Function<String, Throwable> notSent;
    private final Deque<EventBatch> ready = new ArrayDeque<>();
    private EventBatch open;
    private int inFlight;
    private boolean closed;
    private boolean flushing;

    /**
     * @param dispatcher sends a batch; called without the lock held, and must end with {@link #sent(EventBatch)}
     */
    BatchAccumulator(int batchSize, int batchBytes, long lingerMs, ScheduledExecutorService scheduler,
                     Consumer<EventBatch> dispatcher, Function<String, Throwable> notSent) {
        this.batchSize = batchSize;
        this.batchBytes = batchBytes;
        this.lingerMs = lingerMs;
        this.scheduler = scheduler;
        this.dispatcher = dispatcher;
        this.notSent = notSent;
    }

    /** Queues the events in order (those of one batch exchange stay together where they fit). */
    void add(List<QueuedEvent> events) {
        List<EventBatch> due;
        synchronized (this) {
            if (closed) {
                due = null;
            } else {
                for (QueuedEvent event : events) {
                    if (open != null && !open.fits(event, batchSize, batchBytes)) {
                        sealOpen();
                    }
                    if (open == null) {
                        open = new EventBatch();
                        startLinger(open);
                    }
                    open.add(event);
                    if (open.size() >= batchSize) {
                        sealOpen();
                    }
                }
                due = takeDue();
            }
        }
        if (due == null) {
            Throwable error = notSent.apply("the endpoint is stopping");
            events.forEach(event -> event.failed(error));
            return;
        }
        dispatch(due);
    }

    /** A batch sent by the dispatcher has ended, whatever its outcome: the next ones may go. */
    void sent(EventBatch batch) {
        List<EventBatch> due;
        synchronized (this) {
            inFlight--;
            due = takeDue();
            notifyAll();
        }
        dispatch(due);
    }

    /** Fails the events that have waited here past their deadline (the in-flight ones are the call runner's). */
    void expireOverdue(long now, long requestTimeout) {
        List<QueuedEvent> overdue = new ArrayList<>();
        synchronized (this) {
            if (open != null) {
                overdue.addAll(open.removeOverdue(now));
                if (open.isEmpty()) {
                    cancelLinger(open);
                    open = null;
                }
            }
            for (EventBatch batch : ready) {
                overdue.addAll(batch.removeOverdue(now));
            }
            ready.removeIf(EventBatch::isEmpty);
            notifyAll();
        }
        if (!overdue.isEmpty()) {
            Throwable error = notSent.apply("requestTimeout (" + requestTimeout
                                            + " ms) passed while the event waited for its batch");
            overdue.forEach(event -> event.failed(error));
        }
    }

    /**
     * Stops taking events and sends what is queued, at once, lingerMs or not; waits at most {@code flushTimeout}
     * for every batch to end, then fails the events that are still queued (they were not sent). Batches still in
     * flight then are left to the caller, which closes the call runner.
     *
     * @return the number of events failed here
     */
    int close(long flushTimeout) throws InterruptedException {
        List<EventBatch> due;
        synchronized (this) {
            closed = true;
            flushing = flushTimeout > 0;
            if (open != null) {
                sealOpen();
            }
            due = flushing ? takeDue() : List.of();
        }
        dispatch(due);
        List<QueuedEvent> left = new ArrayList<>();
        synchronized (this) {
            long end = Deadlines.after(System.nanoTime(), flushTimeout);
            while ((inFlight > 0 || !ready.isEmpty()) && !Deadlines.passed(end, System.nanoTime())) {
                wait(Math.max(1, Deadlines.millisLeft(end)));
            }
            for (EventBatch batch : ready) {
                left.addAll(batch.events());
            }
            ready.clear();
        }
        if (!left.isEmpty()) {
            Throwable error = notSent.apply("the endpoint stopped before the event was sent (flushTimeout "
                                            + flushTimeout + " ms)");
            left.forEach(event -> event.failed(error));
        }
        return left.size();
    }

    /** How many batches are in flight. */
    synchronized int inFlight() {
        return inFlight;
    }

    private void startLinger(EventBatch batch) {
        if (lingerMs <= 0) {
            return;
        }
        try {
            batch.linger = scheduler.schedule(() -> lingerPassed(batch), lingerMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // no timer: the batch goes with the next event or the flush at stop
            batch.linger = null;
        }
    }

    private void lingerPassed(EventBatch batch) {
        List<EventBatch> due;
        synchronized (this) {
            if (open != batch) {
                return;
            }
            sealOpen();
            due = takeDue();
        }
        dispatch(due);
    }

    private void sealOpen() {
        cancelLinger(open);
        ready.add(open);
        open = null;
    }

    private static void cancelLinger(EventBatch batch) {
        if (batch.linger != null) {
            batch.linger.cancel(false);
            batch.linger = null;
        }
    }

    /** The batches that may go now; counted in flight. */
    private List<EventBatch> takeDue() {
        List<EventBatch> due = null;
        while (inFlight < MAX_IN_FLIGHT) {
            EventBatch next;
            if (!ready.isEmpty()) {
                next = ready.poll();
            } else if (open != null && (lingerMs <= 0 || flushing)) {
                next = open;
                cancelLinger(open);
                open = null;
            } else {
                break;
            }
            if (due == null) {
                due = new ArrayList<>(2);
            }
            inFlight++;
            due.add(next);
        }
        return due == null ? List.of() : due;
    }

    private void dispatch(List<EventBatch> due) {
        for (EventBatch batch : due) {
            dispatcher.accept(batch);
        }
    }
}
