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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.internal.http.HightouchRequest;
import io.github.camelhightouch.internal.http.HttpAnswer;
import io.github.camelhightouch.internal.http.InFlight;
import io.github.camelhightouch.internal.http.SendFailure;

/**
 * One call to Hightouch: a request, its deadline, and where it is right now. It owns what has to be undone when it
 * ends early: its place in the rate-limit queue, its backoff timer, its attempt on the wire. Every move between
 * states is a compare-and-set, so exactly one party ends the call and its future completes exactly once.
 */
final class Call implements RequestRateLimiter.Ticket {

    enum State {
        /** Between steps, owned by the thread that moves it on. */
        READY,
        /** Waiting in the rate-limit queue. */
        QUEUED,
        /** An attempt is on the wire, owned by the sending thread. */
        SENDING,
        /** Waiting out a retry delay. */
        BACKING_OFF,
        /** Ended: the future is (being) completed. */
        DONE
    }

    final HightouchRequest request;
    final long deadline;
    /** When the call was made ({@link System#nanoTime()}), for its duration. */
    final long created = System.nanoTime();
    final CompletableFuture<HttpAnswer> future = new CompletableFuture<>();
    final AtomicReference<State> state = new AtomicReference<>(State.READY);
    private final CallRunner runner;

    /** Attempts started; written by the thread that owns SENDING. */
    volatile int attempts;
    /** Whether an attempt ended in a way that Hightouch may have acted on (see {@link RetryPolicy#mayHaveActed}). */
    volatile boolean mayHaveActed;
    volatile HttpAnswer lastAnswer;
    volatile SendFailure lastFailure;
    volatile InFlight inFlight;
    volatile ScheduledFuture<?> backoff;
    /** When it last entered the rate-limit queue ({@link System#nanoTime()}), for the time it waited there. */
    volatile long queuedAt;

    Call(CallRunner runner, HightouchRequest request, long deadline) {
        this.runner = runner;
        this.request = request;
        this.deadline = deadline;
    }

    boolean move(State from, State to) {
        return state.compareAndSet(from, to);
    }

    /** The sender started an attempt: keep its handle, and abort it at once when the call ended meanwhile. */
    void started(InFlight attempt) {
        inFlight = attempt;
        if (state.get() == State.DONE) {
            attempt.abort();
        }
    }

    @Override
    public boolean claim() {
        return move(State.QUEUED, State.SENDING);
    }

    @Override
    public void granted(int token) {
        runner.resumeGranted(this, token);
    }

    @Override
    public void rejected(RuntimeException reason) {
        runner.endStopped(this, reason);
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return runner.scheduler();
    }

    @Override
    public boolean changes() {
        return request.method() != HightouchHttpMethod.GET;
    }
}
