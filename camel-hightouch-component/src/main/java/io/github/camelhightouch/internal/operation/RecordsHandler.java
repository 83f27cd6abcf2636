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
package io.github.camelhightouch.internal.operation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelhightouch.HightouchBatchException;
import io.github.camelhightouch.HightouchCallException;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.internal.Futures;
import io.github.camelhightouch.internal.call.ApiClient.ApiResponse;
import io.github.camelhightouch.internal.call.ResponseMapper;
import io.github.camelhightouch.internal.http.HightouchRequest;
import io.github.camelhightouch.internal.progress.ElementProgress;
import org.apache.camel.Message;

/**
 * Sends the message body as records: the create operations and raw. One request for a record; for a List body, one
 * request per element, in order (unless raw's batchMode sends the List as one array, or raw's method carries no
 * body), stopping at the first failure with a {@link HightouchBatchException} that tells created, outcome unknown and
 * not sent apart.
 */
final class RecordsHandler implements OperationHandler {

    private final OperationContext context;
    private final boolean batchMode;

    RecordsHandler(OperationContext context, boolean batchMode) {
        this.context = context;
        this.batchMode = batchMode;
    }

    @Override
    public CompletableFuture<OperationResult> handle(Message message) throws HightouchValidationException {
        Object body = message.getBody();
        String target = RawTarget.of(context, message);
        if (body instanceof Collection<?> records && !batchMode && context.requests().method().isBodyAllowed()) {
            List<Object> elements = new ArrayList<>(records);
            return new InOrder(context.requests().each(elements, target), elements).start();
        }
        return context.api().send(context.requests().single(body, target), context.throwOnFailure())
                .thenApply(RecordsHandler::result);
    }

    private static OperationResult result(ApiResponse response) {
        return OperationResult.of(response.body(), response.status(), response.attempts())
                .header(HightouchConstants.RESOURCE_ID, response.success() ? ResponseMapper.resourceId(response.body()) : null);
    }

    /**
     * The elements of one List, one request after the other. A loop drains the answers that are already there, so
     * the stack does not grow with the List; an answer that comes later resumes the loop from its thread.
     */
    private final class InOrder {
        private final List<HightouchRequest> requests;
        private final List<Object> records;
        private final List<Object> results;
        private final List<Object> ids;
        private final CompletableFuture<OperationResult> done = new CompletableFuture<>();
        private final AtomicInteger pending = new AtomicInteger();
        private int index;
        private int attempts;
        private ApiResponse last;
        private CompletableFuture<ApiResponse> sending;
        private final ElementProgress progress;

        InOrder(List<HightouchRequest> requests, List<Object> records) {
            this.requests = requests;
            this.records = records;
            this.results = new ArrayList<>(records.size());
            this.ids = new ArrayList<>(records.size());
            this.progress = new ElementProgress(context.progress(), context.operation().name(), records.size());
        }

        CompletableFuture<OperationResult> start() {
            drain();
            return done;
        }

        private void drain() {
            if (pending.getAndIncrement() != 0) {
                return;
            }
            do {
                step();
            } while (pending.decrementAndGet() != 0);
        }

        /** Takes every answer that is there and sends the next request, until one is not answered yet. */
        private void step() {
            while (!done.isDone()) {
                if (sending != null) {
                    if (!sending.isDone()) {
                        return;
                    }
                    CompletableFuture<ApiResponse> answered = sending;
                    sending = null;
                    if (!accept(answered)) {
                        return;
                    }
                }
                if (index == requests.size()) {
                    done.complete(OperationResult.of(results, last.status(), attempts)
                            .header(HightouchConstants.RESOURCE_ID, ids));
                    return;
                }
                CompletableFuture<ApiResponse> next;
                try {
                    next = context.api().send(requests.get(index), context.throwOnFailure());
                } catch (RuntimeException e) {
                    next = CompletableFuture.failedFuture(e);
                }
                sending = next;
                if (!next.isDone()) {
                    next.whenComplete((answer, error) -> {
                        try {
                            drain();
                        } catch (RuntimeException e) {
                            // whenComplete would drop it: the exchange must end, once, whatever went wrong here
                            done.completeExceptionally(e);
                        }
                    });
                }
            }
        }

        private boolean accept(CompletableFuture<ApiResponse> answered) {
            ApiResponse response;
            try {
                response = answered.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                Throwable cause = Futures.unwrap(e);
                done.completeExceptionally(new HightouchBatchException(requests.get(index).operation(), ids, results,
                        index, records.size(), records.get(index),
                        cause instanceof HightouchCallException call && call.isOutcomeUnknown(),
                        List.copyOf(records.subList(index + 1, records.size())), cause));
                return false;
            }
            attempts += response.attempts();
            results.add(response.body());
            ids.add(response.success() ? ResponseMapper.resourceId(response.body()) : null);
            last = response;
            index++;
            progress.done(index);
            return true;
        }
    }
}
