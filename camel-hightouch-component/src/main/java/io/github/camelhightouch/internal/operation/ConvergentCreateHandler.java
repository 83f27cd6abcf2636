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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.camelhightouch.HightouchBatchException;
import io.github.camelhightouch.HightouchCallException;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.Futures;
import io.github.camelhightouch.internal.http.HightouchRequest;
import io.github.camelhightouch.internal.progress.ElementProgress;
import io.github.camelhightouch.internal.operation.ConflictResolution.Outcome;
import io.github.camelhightouch.internal.operation.ConflictResolution.Plan;
import org.apache.camel.Message;

/**
 * The creates with onConflict=update or skip: each record goes through {@link ConflictResolution}; a List body one
 * element after the other, in order, every element validated (slug included) before the first is sent, stopping at
 * the first failure with a {@link HightouchBatchException}. The outcome of each record (created, updated, skipped) is
 * in {@link HightouchConstants#RESOURCE_OUTCOME}, also on the failed exchange for the elements done before.
 */
final class ConvergentCreateHandler implements OperationHandler {

    private final OperationContext context;
    private final ConflictResolution resolution;

    ConvergentCreateHandler(OperationContext context) {
        this.context = context;
        this.resolution = new ConflictResolution(context);
    }

    @Override
    public CompletableFuture<OperationResult> handle(Message message) throws HightouchValidationException {
        Object body = message.getBody();
        List<Violation> violations = new ArrayList<>();
        if (body instanceof Collection<?> records) {
            List<Object> elements = new ArrayList<>(records);
            List<HightouchRequest> posts = context.requests().each(elements);
            List<Plan> plans = new ArrayList<>(posts.size());
            for (int i = 0; i < posts.size(); i++) {
                plans.add(resolution.plan(posts.get(i), "[" + i + "]", violations));
            }
            refuseIfAny(violations);
            return new InOrder(plans, elements).start();
        }
        Plan plan = resolution.plan(context.requests().single(body), "", violations);
        refuseIfAny(violations);
        return resolution.converge(plan).thenApply(outcome -> OperationResult.of(outcome.body(), outcome.status(),
                outcome.attempts())
                .header(HightouchConstants.RESOURCE_ID, outcome.id())
                .header(HightouchConstants.RESOURCE_OUTCOME, outcome.outcome()));
    }

    private void refuseIfAny(List<Violation> violations) throws HightouchValidationException {
        if (!violations.isEmpty()) {
            throw new HightouchValidationException(context.operation().name(), violations);
        }
    }

    /**
     * The elements of one List, one after the other. An outcome that is already there is taken in a loop, so the
     * stack does not grow with the List; one that comes later resumes the loop from its thread.
     */
    private final class InOrder {
        private final List<Plan> plans;
        private final List<Object> records;
        private final List<Object> results = new ArrayList<>();
        private final List<Object> ids = new ArrayList<>();
        private final List<String> outcomes = new ArrayList<>();
        private final CompletableFuture<OperationResult> done = new CompletableFuture<>();
        private int index;
        private int attempts;
        private int lastStatus;
        private final ElementProgress progress;

        InOrder(List<Plan> plans, List<Object> records) {
            this.plans = plans;
            this.records = records;
            this.progress = new ElementProgress(context.progress(), context.operation().name(), records.size());
        }

        CompletableFuture<OperationResult> start() {
            next();
            return done;
        }

        private void next() {
            while (index < plans.size()) {
                CompletableFuture<Outcome> outcome;
                try {
                    outcome = resolution.converge(plans.get(index));
                } catch (RuntimeException e) {
                    outcome = CompletableFuture.failedFuture(e);
                }
                if (!outcome.isDone()) {
                    CompletableFuture<Outcome> pending = outcome;
                    pending.whenComplete((result, error) -> {
                        try {
                            if (accept(pending)) {
                                next();
                            }
                        } catch (RuntimeException e) {
                            // whenComplete would drop it: the exchange must end, once, whatever went wrong here
                            done.completeExceptionally(e);
                        }
                    });
                    return;
                }
                if (!accept(outcome)) {
                    return;
                }
            }
            done.complete(OperationResult.of(results, lastStatus, attempts)
                    .header(HightouchConstants.RESOURCE_ID, ids)
                    .header(HightouchConstants.RESOURCE_OUTCOME, outcomes));
        }

        private boolean accept(CompletableFuture<Outcome> answered) {
            Outcome outcome;
            try {
                outcome = answered.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                Throwable cause = Futures.unwrap(e);
                HightouchBatchException batch = new HightouchBatchException(context.operation().name(), ids, results,
                        index, records.size(), records.get(index),
                        cause instanceof HightouchCallException call && call.isOutcomeUnknown(),
                        List.copyOf(records.subList(index + 1, records.size())), cause);
                Map<String, Object> headers = new LinkedHashMap<>();
                // null for an element answered outside 2xx (throwExceptionOnFailure=false)
                headers.put(HightouchConstants.RESOURCE_OUTCOME, Collections.unmodifiableList(new ArrayList<>(outcomes)));
                done.completeExceptionally(new FailureWithHeaders(batch, headers));
                return false;
            }
            attempts += outcome.attempts();
            results.add(outcome.body());
            ids.add(outcome.id());
            outcomes.add(outcome.outcome());
            lastStatus = outcome.status();
            index++;
            progress.done(index);
            return true;
        }
    }
}
