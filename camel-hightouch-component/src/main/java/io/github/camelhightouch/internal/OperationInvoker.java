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

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchTransportException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Runs an {@link OperationHandler} for an exchange the asynchronous way: the callback is called inline when the
 * handler's future is already complete, else later from the thread that completes it. On success the body and
 * headers are set; on failure the exception is set and the body stays as it was.
 */
public final class OperationInvoker {

    private OperationInvoker() {
    }

    /**
     * @return true when the exchange was completed inline, as {@code AsyncProcessor.process} must tell
     */
    public static boolean process(OperationHandler handler, Exchange exchange, AsyncCallback callback) {
        CompletableFuture<OperationResult> future;
        try {
            future = handler.handle(exchange.getMessage());
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
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof FailureWithHeaders failure) {
                setHeaders(message, failure.headers());
                cause = failure.getCause();
            }
            if (cause instanceof HightouchApiException api) {
                message.setHeader(HightouchConstants.ATTEMPTS, api.getAttempts());
            } else if (cause instanceof HightouchTransportException transport) {
                message.setHeader(HightouchConstants.ATTEMPTS, transport.getAttempts());
            }
            exchange.setException(cause);
            return;
        }
        message.setBody(result.body());
        message.setHeader(HightouchConstants.RESPONSE_CODE, result.status());
        message.removeHeader(HightouchConstants.RESOURCE_ID);
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

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
