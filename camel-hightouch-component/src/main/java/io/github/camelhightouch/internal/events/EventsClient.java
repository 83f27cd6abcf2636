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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelhightouch.HightouchConfiguration;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.internal.body.JsonBodies;
import io.github.camelhightouch.internal.call.CallRunner;
import io.github.camelhightouch.internal.call.CallWatchdog;
import io.github.camelhightouch.internal.call.ResponseMapper;
import io.github.camelhightouch.internal.http.HightouchOrigin;
import io.github.camelhightouch.internal.observe.HightouchObserver;
import io.github.camelhightouch.internal.operation.OperationHandler;

/**
 * The events side of one endpoint, put together: the queue bound, the accumulator, the batch sender and the sweep
 * that fails events overdue in the queue. Made when the endpoint starts (with its call runner and send threads) and
 * taken apart when it stops: new events are refused, the queue is flushed within flushTimeout, and what is left
 * fails.
 */
public final class EventsClient {

    /** The send threads an endpoint needs: one per batch in flight. */
    public static final int SEND_THREADS = BatchAccumulator.MAX_IN_FLIGHT;

    private final HightouchOperation operation;
    private final HightouchConfiguration configuration;
    private final HightouchOrigin origin;
    private final ObjectMapper mapper;
    private final HightouchObserver observer;
    private volatile Parts parts;

    public EventsClient(HightouchOperation operation, HightouchConfiguration configuration, HightouchOrigin origin,
                        ObjectMapper mapper) {
        this(operation, configuration, origin, mapper, HightouchObserver.NONE);
    }

    /** An events client that reports the events queued, batched, sent, failed and dropped to the observer. */
    public EventsClient(HightouchOperation operation, HightouchConfiguration configuration, HightouchOrigin origin,
                        ObjectMapper mapper, HightouchObserver observer) {
        this.operation = operation;
        this.configuration = configuration;
        this.origin = origin;
        this.mapper = mapper;
        this.observer = observer;
    }

    /** The operation handler; it refuses messages while the endpoint is stopped. */
    public OperationHandler handler() {
        return message -> {
            Parts current = parts;
            if (current == null) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "hightouch:" + operation + " is not started; the event was not sent"));
            }
            return current.handler.handle(message);
        };
    }

    /**
     * Starts taking events.
     *
     * @param runner      the endpoint's events call runner (write key, events retry policy, no rate limit)
     * @param scheduler   for linger timers and the overdue sweep
     * @param sendThreads the threads that send the batches ({@link #SEND_THREADS})
     * @param deliveryThreads the threads the exchanges go on from once their batch is settled (a bounded pool whose
     *                        caller runs a task when it is full)
     */
    public void start(CallRunner runner, ScheduledExecutorService scheduler, ExecutorService sendThreads,
                      ExecutorService deliveryThreads) {
        Parts made = new Parts();
        QueueSlots slots = new QueueSlots(configuration.getMaxQueuedEvents(), configuration.getQueueFullPolicy());
        BatchSender[] sender = new BatchSender[1];
        BatchAccumulator accumulator = new BatchAccumulator(configuration.getBatchSize(), configuration.getBatchBytes(),
                configuration.getLingerMs(), scheduler, batch -> sender[0].send(batch),
                why -> sender[0].notSent(why));
        sender[0] = new BatchSender(operation.name(), origin, () -> runner, new ResponseMapper(mapper), sendThreads,
                accumulator::sent, observer);
        made.slots = slots;
        made.accumulator = accumulator;
        made.sendThreads = sendThreads;
        made.deliveryThreads = deliveryThreads;
        // once the pool is shut down the last exchanges go on from the thread that settles them: never lost
        Executor deliveries = task -> {
            try {
                deliveryThreads.execute(task);
            } catch (RejectedExecutionException stopped) {
                task.run();
            }
        };
        made.handler = new EventsHandler(operation.name(), EventType.of(operation), configuration.isValidate(),
                configuration.getRequestTimeout(), configuration.getBatchBytes(),
                new EventReader(new JsonBodies(mapper, configuration.getMaxBodySize())), new EventEnricher(), mapper,
                slots, accumulator, sender[0], deliveries, observer);
        long requestTimeout = configuration.getRequestTimeout();
        try {
            made.sweep = scheduler.scheduleWithFixedDelay(
                    () -> accumulator.expireOverdue(System.nanoTime(), requestTimeout), CallWatchdog.TICK_MILLIS,
                    CallWatchdog.TICK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            throw new IllegalStateException("the hightouch component is stopping", stopping);
        }
        parts = made;
    }

    /**
     * Refuses new events and flushes the queue: waits at most flushTimeout for the batches to go; the events still
     * queued then fail as not sent. The caller then closes the call runner, which ends the batches still in flight
     * with an error that says whether they may have arrived, and then {@link #shutdown()}.
     */
    public void stop() throws InterruptedException {
        Parts current = parts;
        if (current == null) {
            return;
        }
        current.slots.close();
        try {
            current.accumulator.close(configuration.getFlushTimeout());
        } finally {
            current.sweep.cancel(false);
        }
    }

    /** After the runner is closed: lets the send threads end the batches they still hold (they fail at once). */
    public void shutdown() throws InterruptedException {
        Parts current = parts;
        parts = null;
        if (current == null) {
            return;
        }
        current.sendThreads.shutdown();
        current.sendThreads.awaitTermination(5, TimeUnit.SECONDS);
        current.deliveryThreads.shutdown();
        current.deliveryThreads.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Events held now (queued or in flight), for tests of the queue bound. */
    public int heldEvents() {
        Parts current = parts;
        return current == null ? 0 : current.slots.held();
    }

    /** Batches in flight now. */
    public int batchesInFlight() {
        Parts current = parts;
        return current == null ? 0 : current.accumulator.inFlight();
    }

    private static final class Parts {
        QueueSlots slots;
        BatchAccumulator accumulator;
        ExecutorService sendThreads;
        ExecutorService deliveryThreads;
        ScheduledFuture<?> sweep;
        OperationHandler handler;
    }
}
