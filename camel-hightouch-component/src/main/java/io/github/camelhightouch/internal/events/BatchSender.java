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

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchTransportException;
import io.github.camelhightouch.internal.Futures;
import io.github.camelhightouch.internal.call.CallRunner;
import io.github.camelhightouch.internal.call.ResponseMapper;
import io.github.camelhightouch.internal.http.HightouchOrigin;
import io.github.camelhightouch.internal.http.HightouchRequest;
import io.github.camelhightouch.internal.http.HttpAnswer;
import io.github.camelhightouch.internal.observe.HightouchObserver;

/**
 * Sends one batch as {@code POST /v1/batch} through the events call runner (retries, deadline, stop), on the
 * endpoint's send threads so that no route thread waits for the network, and settles every event of the batch:
 * delivered on a 2xx, failed with a {@code HightouchApiException} (status and Hightouch's message) on any other
 * answer, or with the runner's {@code HightouchTransportException}, which says whether the batch may have arrived.
 */
final class BatchSender {

    private final String operation;
    private final HightouchOrigin origin;
    private final String url;
    private final Supplier<CallRunner> runner;
    private final ResponseMapper responses;
    private final Executor sendThreads;
    private final Consumer<EventBatch> ended;
    private final HightouchObserver observer;

    /**
     * @param ended told when a batch has ended, before its events are settled (so the next batch goes first)
     */
    BatchSender(String operation, HightouchOrigin origin, Supplier<CallRunner> runner, ResponseMapper responses,
                Executor sendThreads, Consumer<EventBatch> ended, HightouchObserver observer) {
        this.operation = operation;
        this.origin = origin;
        this.url = origin.resolve("/v1/batch", "eventsUrl");
        this.runner = runner;
        this.responses = responses;
        this.sendThreads = sendThreads;
        this.ended = ended;
        this.observer = observer;
    }

    /** Sends the batch on a send thread. */
    void send(EventBatch batch) {
        try {
            sendThreads.execute(() -> call(batch));
        } catch (RejectedExecutionException stopping) {
            settle(batch, null, null, notSent("the endpoint is stopping"));
        }
    }

    private void call(EventBatch batch) {
        HightouchRequest request;
        CallRunner calls = runner.get();
        if (calls == null) {
            settle(batch, null, null, notSent("the endpoint is stopped"));
            return;
        }
        // events whose time ran out while the batch waited for a slot are not sent: the rest goes
        List<QueuedEvent> overdue = batch.removeOverdue(System.nanoTime());
        if (!overdue.isEmpty()) {
            HightouchTransportException late = notSent("requestTimeout passed while the event waited for its batch");
            overdue.forEach(event -> event.failed(late));
        }
        if (batch.isEmpty()) {
            ended.accept(batch);
            return;
        }
        try {
            // one body for every attempt: a retried batch carries the same messageIds, and sentAt is the first send
            request = origin.request(operation, HightouchHttpMethod.POST, url, batch.body(Instant.now()), List.of(), true);
        } catch (RuntimeException e) {
            settle(batch, null, null, notSent(e.toString()));
            return;
        }
        observer.batchSent(operation, batch.size());
        calls.send(request, batch.deadline()).whenComplete((answer, error) -> settle(batch, request, answer, error));
    }

    private void settle(EventBatch batch, HightouchRequest request, HttpAnswer answer, Throwable error) {
        try {
            ended.accept(batch);
        } finally {
            if (error != null) {
                batch.failAll(Futures.unwrap(error));
            } else if (answer.isSuccess()) {
                batch.deliveredAll(answer.status(), answer.attempts());
            } else {
                batch.failAll(responses.toException(request, answer, responses.parse(answer.body())));
            }
        }
    }

    /** The error of events that were never sent. */
    HightouchTransportException notSent(String why) {
        return new HightouchTransportException(operation, "POST", url, false, 0,
                new CancellationException(why + "; the event was not sent"));
    }
}
