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

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.camelhightouch.internal.Futures;
import io.github.camelhightouch.internal.body.JsonBodies;
import io.github.camelhightouch.internal.operation.FailureWithHeaders;
import io.github.camelhightouch.internal.operation.OperationResult;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Hands each exchange to the endpoint's operation handler and completes it when the handler's future does: inline
 * when nothing had to wait, later from the component's threads otherwise, so a producer never blocks on a wait. On
 * success the body becomes the parsed JSON answer; on failure the exchange fails with a {@link HightouchException}
 * and keeps its body untouched (an InputStream or Reader body is first read once into bytes or text, which the
 * message keeps). This is the one place that writes the outcome onto the exchange, the
 * {@link HightouchConstants#ATTEMPTS} header included.
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
        HightouchConfiguration configuration = endpoint.getConfiguration();
        HightouchHttpMethod method = endpoint.getOperation() == HightouchOperation.raw
                ? endpoint.getOptions().getHttpMethod() : endpoint.getOperation().getMethod();
        if (endpoint.getOperation().isCreate()) {
            // the outcome header describes this create's record or nothing: never an earlier create's on the exchange
            exchange.getMessage().removeHeader(HightouchConstants.RESOURCE_OUTCOME);
        }
        if (JsonBodies.carriesMessageBody(endpoint.getOperation(), method)) {
            try {
                // a stream body is read once, here, and kept on the message for the error handler
                JsonBodies.readStreamBody(exchange.getMessage(), endpoint.getOperation().name(),
                        configuration.getMaxBodySize(), !endpoint.getOptions().isBatchMode());
            } catch (HightouchValidationException e) {
                exchange.setException(e);
                callback.done(true);
                return true;
            }
        }
        CompletableFuture<OperationResult> future;
        try {
            future = endpoint.getOperationHandler().handle(exchange.getMessage());
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (future.isDone()) {
            complete(exchange, future);
            callback.done(true);
            return true;
        }
        future.whenComplete((result, error) -> {
            complete(exchange, future);
            callback.done(false);
        });
        return false;
    }

    private static void complete(Exchange exchange, CompletableFuture<OperationResult> future) {
        Message message = exchange.getMessage();
        OperationResult result;
        try {
            result = future.join();
        } catch (RuntimeException e) {
            Throwable cause = Futures.unwrap(e);
            if (cause instanceof FailureWithHeaders failure) {
                setHeaders(message, failure.headers());
                cause = failure.getCause();
            }
            if (cause instanceof HightouchCallException call) {
                message.setHeader(HightouchConstants.ATTEMPTS, call.getAttempts());
            }
            exchange.setException(cause);
            return;
        }
        message.setBody(result.body());
        message.setHeader(HightouchConstants.RESPONSE_CODE, result.status());
        message.removeHeader(HightouchConstants.RESOURCE_ID);
        if (result.attempts() > 0) {
            message.setHeader(HightouchConstants.ATTEMPTS, result.attempts());
        }
        setHeaders(message, result.headers());
    }

    private static void setHeaders(Message message, Map<String, Object> headers) {
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            if (header.getValue() == null) {
                message.removeHeader(header.getKey());
            } else {
                message.setHeader(header.getKey(), header.getValue());
            }
        }
    }
}
