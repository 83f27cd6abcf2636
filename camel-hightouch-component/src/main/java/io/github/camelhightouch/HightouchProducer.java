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
package io.github.camelhightouch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.camelhightouch.internal.CallExecutor;
import io.github.camelhightouch.internal.HttpCall;
import io.github.camelhightouch.internal.HttpResult;
import io.github.camelhightouch.internal.OperationInvoker;
import io.github.camelhightouch.internal.RequestFactory;
import io.github.camelhightouch.internal.ResponseMapper;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Sends the message body to Hightouch: one request for a record, one request per element, in order, for a List body
 * (unless raw batchMode sends it as one array). On success the body becomes the parsed JSON answer; on failure the
 * exchange fails with a {@link HightouchException} and keeps its body untouched.
 */
public class HightouchProducer extends DefaultAsyncProducer {

    private final HightouchEndpoint endpoint;

    public HightouchProducer(HightouchEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public HightouchEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (endpoint.getOperationHandler() != null) {
            // reads, updates, lists, triggers and waits
            return OperationInvoker.process(endpoint.getOperationHandler(), exchange, callback);
        }
        CompletableFuture<Outcome> outcome;
        try {
            outcome = send(exchange.getMessage().getBody());
        } catch (HightouchValidationException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (outcome.isDone()) {
            complete(exchange, outcome);
            callback.done(true);
            return true;
        }
        outcome.whenComplete((result, error) -> {
            complete(exchange, outcome);
            callback.done(false);
        });
        return false;
    }

    private CompletableFuture<Outcome> send(Object body) throws HightouchValidationException {
        RequestFactory requests = endpoint.getRequestFactory();
        if (body instanceof Collection<?> records && !endpoint.getConfiguration().isBatchMode()) {
            List<Object> elements = new ArrayList<>(records);
            return sendInOrder(requests.each(elements), elements, 0, new ArrayList<>(), new ArrayList<>(), null);
        }
        HttpCall call = requests.single(body);
        return endpoint.getCallExecutor().send(call).thenApply(result -> toOutcome(call, result));
    }

    /**
     * Sends the calls one after the other; the first failure stops the sequence with a
     * {@link HightouchBatchException} that names what was created and what was not sent.
     */
    private CompletableFuture<Outcome> sendInOrder(
            List<HttpCall> calls, List<Object> records, int index, List<Object> results, List<Object> ids, Outcome last) {
        if (index == calls.size()) {
            return CompletableFuture.completedFuture(new Outcome(results, last.status(), ids, last.attempts()));
        }
        HttpCall call = calls.get(index);
        return endpoint.getCallExecutor().send(call)
                .thenApply(result -> toOutcome(call, result))
                .handle((outcome, error) -> {
                    if (error != null) {
                        throw new CompletionException(new HightouchBatchException(
                                call.operation(), ids, results, index, calls.size(),
                                List.copyOf(records.subList(index, records.size())), unwrap(error)));
                    }
                    results.add(outcome.body());
                    ids.add(outcome.resourceId());
                    return outcome;
                })
                .thenCompose(outcome -> sendInOrder(calls, records, index + 1, results, ids, outcome));
    }

    private Outcome toOutcome(HttpCall call, HttpResult result) {
        ResponseMapper responses = endpoint.getResponseMapper();
        Object parsed = responses.parse(result.body());
        if (!result.isSuccess() && endpoint.getConfiguration().isThrowExceptionOnFailure()) {
            throw new CompletionException(responses.toException(call, result, parsed));
        }
        return new Outcome(parsed, result.status(), result.isSuccess() ? ResponseMapper.resourceId(parsed) : null,
                result.attempts());
    }

    private static void complete(Exchange exchange, CompletableFuture<Outcome> future) {
        Outcome outcome;
        try {
            outcome = future.join();
        } catch (CompletionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof HightouchTransportException transport) {
                exchange.getMessage().setHeader(HightouchConstants.ATTEMPTS, transport.getAttempts());
            } else if (cause instanceof HightouchApiException api) {
                exchange.getMessage().setHeader(HightouchConstants.ATTEMPTS, api.getAttempts());
            }
            exchange.setException(cause);
            return;
        } catch (RuntimeException e) {
            exchange.setException(e);
            return;
        }
        Message message = exchange.getMessage();
        message.setBody(outcome.body());
        message.setHeader(HightouchConstants.RESPONSE_CODE, outcome.status());
        message.setHeader(HightouchConstants.ATTEMPTS, outcome.attempts());
        if (outcome.resourceId() != null) {
            message.setHeader(HightouchConstants.RESOURCE_ID, outcome.resourceId());
        } else {
            message.removeHeader(HightouchConstants.RESOURCE_ID);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * What one call, or a sequence of calls, gave: the body to set, the last status and the resource id(s).
     */
    private record Outcome(Object body, int status, Object resourceId, int attempts) {
    }
}
