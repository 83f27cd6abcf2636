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
package io.github.camelhightouch.internal.call;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.camelhightouch.HightouchTransportException;
import io.github.camelhightouch.internal.call.Call.State;
import io.github.camelhightouch.internal.call.RequestRateLimiter.Admission;
import io.github.camelhightouch.internal.http.HightouchRequest;
import io.github.camelhightouch.internal.http.HttpAnswer;
import io.github.camelhightouch.internal.http.RequestSender;
import io.github.camelhightouch.internal.http.SendFailure;
import io.github.camelhightouch.internal.observe.HightouchObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the calls of one endpoint: rate limit, attempts, retries, deadline and stop. Each answer tells the rate
 * limiter whether Hightouch throttled it (429), so that the limiter adapts its rate. A call's first attempt runs on
 * the caller's thread when no wait is due; every wait (rate limit, backoff) holds no thread, and the attempt after a
 * wait runs on the worker pool. The steps of a call are a loop, never a recursion.
 * <p>
 * Every call ends exactly once: with Hightouch's last answer (any status), or with a {@link HightouchTransportException}
 * that says whether the request may have been sent: when no attempt could be made, when its {@code requestTimeout}
 * passes (the {@link CallWatchdog} ends it where it is: queued, backing off or on the wire), or when the runner is
 * closed.
 */
public final class CallRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CallRunner.class);

    private final RequestSender sender;
    private final RetryPolicy retryPolicy;
    private final RequestRateLimiter rateLimiter;
    private final long requestTimeout;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final Set<Call> live = ConcurrentHashMap.newKeySet();
    private volatile String closedBecause;
    private HightouchObserver observer = HightouchObserver.NONE;

    /**
     * @param rateLimiter    the key's limiter, or null when rate limiting is off
     * @param requestTimeout the time one call may take, retries and waits included, in milliseconds
     */
    public CallRunner(RequestSender sender, RetryPolicy retryPolicy, RequestRateLimiter rateLimiter, long requestTimeout,
                      ScheduledExecutorService scheduler, Executor workers) {
        this.sender = sender;
        this.retryPolicy = retryPolicy;
        this.rateLimiter = rateLimiter;
        this.requestTimeout = requestTimeout;
        this.scheduler = scheduler;
        this.workers = workers;
    }

    /** Reports attempts, calls and rate-limit waits to the observer; set before the first call. */
    public CallRunner observedBy(HightouchObserver observer) {
        this.observer = observer;
        return this;
    }

    /** Sends a call that has {@code requestTimeout} to end. */
    public CompletableFuture<HttpAnswer> send(HightouchRequest request) {
        return send(request, Deadlines.after(System.nanoTime(), requestTimeout));
    }

    /**
     * Sends a call that must end by the given deadline, or by its {@code requestTimeout} if that comes first (a poll
     * of a wait gets the wait's deadline).
     */
    public CompletableFuture<HttpAnswer> send(HightouchRequest request, long deadline) {
        Call call = new Call(this, request,
                Deadlines.earlier(deadline, Deadlines.after(System.nanoTime(), requestTimeout)));
        String closed = closedBecause;
        if (closed != null) {
            call.state.set(State.DONE);
            call.future.completeExceptionally(failure(call, new CancellationException(closed), false));
            return call.future;
        }
        live.add(call);
        proceed(call, false);
        return call.future;
    }

    /** How many calls are live (queued, backing off or on the wire). */
    public int liveCalls() {
        return live.size();
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** The key's rate limiter, or null when rate limiting is off. */
    public RequestRateLimiter rateLimiter() {
        return rateLimiter;
    }

    /**
     * Moves a call on until it waits or ends: admission, attempt, and either the end, a retry now, or a backoff.
     *
     * @param granted whether the call already holds its rate-limit token (resumed by the limiter)
     */
    private void proceed(Call call, boolean granted) {
        boolean hasToken = granted;
        while (true) {
            if (!hasToken && !admit(call)) {
                return;
            }
            hasToken = false;
            long delay = attempt(call);
            if (delay < 0) {
                return;
            }
            if (delay > 0) {
                backOff(call, delay);
                return;
            }
            if (!call.move(State.BACKING_OFF, State.READY)) {
                return;
            }
        }
    }

    /** Takes a token or queues the call; true when the call may send now (it is SENDING). */
    private boolean admit(Call call) {
        if (rateLimiter == null) {
            return call.move(State.READY, State.SENDING);
        }
        if (!call.move(State.READY, State.QUEUED)) {
            return false;
        }
        Admission admission = rateLimiter.admit(call);
        switch (admission) {
            case GRANTED:
                return true;
            case QUEUED:
                call.queuedAt = System.nanoTime();
                if (LOG.isDebugEnabled()) {
                    LOG.debug("Hightouch {} {} waits for the rate limit", call.request.method(), call.request.url());
                }
                return false;
            case FULL:
                if (call.move(State.QUEUED, State.DONE)) {
                    end(call, null, failure(call, new RejectedExecutionException("the rate-limit queue is full ("
                                                                                  + rateLimiter.maxQueued()
                                                                                  + " requests wait, rateLimitQueueSize)"),
                            false));
                }
                return false;
            default:
                return false;
        }
    }

    /** The limiter released a queued call: send it on a worker, its token stamped when it really starts. */
    void resumeGranted(Call call, int token) {
        workers.execute(() -> {
            if (call.state.get() != State.SENDING) {
                // it ended while waiting for a worker: its token is not stamped again for a request never sent
                return;
            }
            rateLimiter.restamp(token);
            observer.rateLimitWaited(System.nanoTime() - call.queuedAt);
            proceed(call, true);
        });
    }

    /**
     * One attempt, on this thread. Returns the delay before the next attempt, 0 for at once, or -1 when the call
     * ended (here, or elsewhere while it was on the wire).
     */
    private long attempt(Call call) {
        // the handle of the previous attempt goes now, not after this one: a stop that comes once the answer is in
        // must still see that this attempt was written
        call.inFlight = null;
        call.attempts++;
        HttpAnswer answer = null;
        SendFailure failure = null;
        long started = System.nanoTime();
        try {
            answer = sender.send(call.request, call.deadline, call::started);
        } catch (SendFailure e) {
            failure = e;
        }
        observer.attemptEnded(call.request.operation(), answer, failure, System.nanoTime() - started);
        if (RetryPolicy.mayHaveActed(answer, failure)) {
            call.mayHaveActed = true;
        }
        if (rateLimiter != null && answer != null) {
            // a 429 despite the local limit: other replicas spend the same workspace budget, so this one backs off
            if (answer.status() == 429) {
                rateLimiter.throttled();
            } else {
                rateLimiter.accepted();
            }
        }
        long delay = retryPolicy.nextDelay(call.request, call.attempts, answer, failure);
        if (delay != RetryPolicy.NO_RETRY && Deadlines.fits(call.deadline, delay)) {
            call.lastAnswer = answer;
            call.lastFailure = failure;
            if (!call.move(State.SENDING, State.BACKING_OFF)) {
                return -1;
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("Hightouch {} {} attempt {} got {}; retrying in {} ms", call.request.method(), call.request.url(),
                        call.attempts, answer != null ? "HTTP " + answer.status() : failure.getCause(), delay);
            }
            return delay;
        }
        if (call.move(State.SENDING, State.DONE)) {
            end(call, answer, answer != null ? null
                    : failure(call, failure.getCause(), failure.mayHaveBeenSent() || call.mayHaveActed));
        }
        return -1;
    }

    private void backOff(Call call, long delay) {
        try {
            call.backoff = scheduler.schedule(() -> {
                if (call.move(State.BACKING_OFF, State.READY)) {
                    try {
                        workers.execute(() -> proceed(call, false));
                    } catch (RejectedExecutionException stopping) {
                        endStopped(call, stopping);
                    }
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            endStopped(call, stopping);
        }
    }

    /** Ends a call whose next step cannot run because its component is stopping. */
    void endStopped(Call call, RuntimeException reason) {
        cancel(call, "the hightouch component is stopping (" + reason.getClass().getSimpleName() + ")", false);
    }

    /** Ends every call whose deadline has passed; called by the watchdog. */
    void expireOverdue(long now) {
        for (Call call : live) {
            if (Deadlines.passed(call.deadline, now)) {
                cancel(call, "requestTimeout (" + requestTimeout + " ms) passed", true);
            }
        }
    }

    /**
     * Ends every live call and refuses new ones: the endpoint or its component stops.
     */
    public void close(String reason) {
        closedBecause = reason;
        for (Call call : live) {
            cancel(call, reason, false);
        }
        if (rateLimiter != null) {
            rateLimiter.rearm();
        }
    }

    /**
     * Ends a call wherever it is. Queued: it leaves the queue without spending a token. Backing off: its timer is
     * cancelled (a timeout then ends it with the answer it last got, if any). On the wire: the attempt is aborted,
     * and whether it may have been sent is what HttpClient had done by then.
     */
    private void cancel(Call call, String reason, boolean timeout) {
        while (true) {
            State state = call.state.get();
            if (state == State.DONE || !call.move(state, State.DONE)) {
                if (state == State.DONE) {
                    return;
                }
                continue;
            }
            boolean mayHaveBeenSent = call.mayHaveActed;
            String where;
            switch (state) {
                case QUEUED -> {
                    rateLimiter.withdraw(call);
                    where = "while waiting for the rate limit";
                }
                case BACKING_OFF -> {
                    if (call.backoff != null) {
                        call.backoff.cancel(false);
                    }
                    if (timeout && call.lastAnswer != null) {
                        end(call, call.lastAnswer, null, true);
                        return;
                    }
                    where = "while waiting to retry";
                }
                case SENDING -> {
                    var attempt = call.inFlight;
                    if (attempt != null) {
                        attempt.abort();
                        mayHaveBeenSent |= attempt.mayHaveBeenSent();
                        where = "while waiting for Hightouch's answer";
                    } else {
                        where = "before it was sent";
                    }
                }
                default -> where = "before it was sent";
            }
            String text = reason + " " + where;
            Throwable error = failure(call, timeout ? new TimeoutException(text) : new CancellationException(text),
                    mayHaveBeenSent);
            // the watchdog's own thread must not carry the route on: it serves every call of the component
            end(call, null, error, timeout);
            return;
        }
    }

    private void end(Call call, HttpAnswer answer, Throwable error) {
        end(call, answer, error, false);
    }

    /** Completes the call's future, on a worker when asked (the route then goes on there), else on this thread. */
    private void end(Call call, HttpAnswer answer, Throwable error, boolean onWorker) {
        live.remove(call);
        observer.callEnded(call.request.operation(), answer, error, call.attempts, System.nanoTime() - call.created);
        Runnable complete = error != null ? () -> call.future.completeExceptionally(error)
                : () -> call.future.complete(answer.withAttempts(call.attempts));
        if (onWorker) {
            try {
                workers.execute(complete);
                return;
            } catch (RejectedExecutionException stopping) {
                // the workers are gone: complete here rather than never
            }
        }
        complete.run();
    }

    private static HightouchTransportException failure(Call call, Throwable cause, boolean mayHaveBeenSent) {
        return new HightouchTransportException(call.request.operation(), call.request.method().name(),
                call.request.url(), mayHaveBeenSent, Math.max(call.attempts, 0), cause);
    }
}
