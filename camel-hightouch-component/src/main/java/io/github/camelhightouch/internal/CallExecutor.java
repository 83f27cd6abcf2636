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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.camelhightouch.HightouchTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends calls with the component's retry policy and rate limit. The first attempt runs on the caller's thread when no
 * wait is due; every wait (rate limit, backoff) is a task on a scheduler, so no thread is held while waiting, and
 * the attempt after a wait runs on a worker pool. The future completes with Hightouch's last answer (any status) or
 * fails with a {@link HightouchTransportException}.
 */
public final class CallExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(CallExecutor.class);

    private final HightouchHttpClient client;
    private final RetryPolicy retryPolicy;
    private final RequestRateLimiter rateLimiter;
    private final long requestTimeout;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;

    /**
     * @param rateLimiter    the key's limiter, or null when rate limiting is off
     * @param requestTimeout the overall time a call may take, retries and waits included, in milliseconds
     */
    public CallExecutor(HightouchHttpClient client, RetryPolicy retryPolicy, RequestRateLimiter rateLimiter,
                        long requestTimeout, ScheduledExecutorService scheduler, Executor workers) {
        this.client = client;
        this.retryPolicy = retryPolicy;
        this.rateLimiter = rateLimiter;
        this.requestTimeout = requestTimeout;
        this.scheduler = scheduler;
        this.workers = workers;
    }

    /**
     * Sends one call, repeating it as the retry policy allows.
     */
    public CompletableFuture<HttpResult> send(HttpCall call) {
        Attempts attempts = new Attempts(call, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(requestTimeout));
        attempts.next();
        return attempts.future;
    }

    /**
     * The attempts of one call.
     */
    private final class Attempts {
        private final HttpCall call;
        private final long deadline;
        private final CompletableFuture<HttpResult> future = new CompletableFuture<>();
        private int attempt;
        private Throwable lastError;
        private HttpResult lastResult;

        Attempts(HttpCall call, long deadline) {
            this.call = call;
            this.deadline = deadline;
        }

        /** Starts the next attempt now, or when the rate limiter releases it. */
        void next() {
            if (rateLimiter == null) {
                execute();
            } else if (!rateLimiter.runOrQueue(guarded(this::execute), scheduler, workers)) {
                LOG.debug("Hightouch {} {} waits for the rate limit", call.method(), call.url());
            }
        }

        private void execute() {
            if (System.nanoTime() >= deadline) {
                giveUp("requestTimeout passed while waiting for the rate limit");
                return;
            }
            attempt++;
            HttpResult result = null;
            Throwable error = null;
            try {
                result = client.execute(call).withAttempts(attempt);
            } catch (Exception e) {
                error = e;
            }
            long delay = retryPolicy.nextDelay(call, attempt, result, error);
            if (delay != RetryPolicy.NO_RETRY && fitsDeadline(delay)) {
                lastError = error;
                lastResult = result;
                if (LOG.isDebugEnabled()) {
                    LOG.debug("Hightouch {} {} attempt {} got {}; retrying in {} ms", call.method(), call.url(), attempt,
                            result != null ? "HTTP " + result.status() : error.getClass().getSimpleName(), delay);
                }
                schedule(this::next, delay);
                return;
            }
            if (result != null) {
                future.complete(result);
            } else {
                future.completeExceptionally(new HightouchTransportException(call.operation(), call.method().name(),
                        call.url(), !RetryPolicy.isBeforeSending(error), attempt, error));
            }
        }

        private void giveUp(String reason) {
            if (lastResult != null) {
                future.complete(lastResult);
            } else {
                future.completeExceptionally(new HightouchTransportException(call.operation(), call.method().name(),
                        call.url(), lastError != null && !RetryPolicy.isBeforeSending(lastError), attempt,
                        lastError != null ? lastError : new java.util.concurrent.TimeoutException(reason)));
            }
        }

        private boolean fitsDeadline(long delayMillis) {
            return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis) < deadline;
        }

        private void schedule(Runnable task, long delayMillis) {
            try {
                scheduler.schedule(() -> {
                    try {
                        workers.execute(guarded(task));
                    } catch (RuntimeException rejected) {
                        future.completeExceptionally(rejected);
                    }
                }, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RuntimeException rejected) {
                // the component is stopping
                future.completeExceptionally(new HightouchTransportException(call.operation(), call.method().name(),
                        call.url(), lastError != null && !RetryPolicy.isBeforeSending(lastError), attempt, rejected));
            }
        }

        private Runnable guarded(Runnable task) {
            return () -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
            };
        }
    }
}
