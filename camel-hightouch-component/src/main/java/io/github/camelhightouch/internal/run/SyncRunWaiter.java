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
package io.github.camelhightouch.internal.run;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchException;
import io.github.camelhightouch.HightouchSyncRunException;
import io.github.camelhightouch.HightouchTransportException;
import io.github.camelhightouch.HightouchWaitTimeoutException;
import io.github.camelhightouch.internal.call.Deadlines;
import io.github.camelhightouch.internal.observe.HightouchObserver;
import io.github.camelhightouch.internal.progress.ProgressLog;
import io.github.camelhightouch.internal.progress.RunCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for sync runs, sync sequence runs and identity resolution runs to finish without holding a thread: each wait is
 * a task on a small shared scheduler that makes one poll (one HTTP call), then schedules its next poll, until the run
 * reaches a terminal status or the timeout passes. A thousand waits need no more threads than the scheduler has.
 * <p>
 * Tolerated on the way: the run not being visible yet right after its trigger, statuses this class does not know
 * (logged once per wait, the wait goes on), and polls that fail with a transport error, a 429 or a 5xx (logged, the
 * next poll goes on). Any other failed poll ends the wait with its error.
 * <p>
 * Progress: each status a wait meets is logged once, the first time it is seen, with the time since the wait started
 * and the run's counts, through the wait's {@link ProgressLog}; a status not known to this class is logged once at
 * WARN instead; a wait that times out logs its last status.
 * <p>
 * Pace: while many requests wait for the rate limiter, a wait's next poll comes later ({@link PollPace}: up to 4
 * times pollInterval), never later than its deadline.
 */
public final class SyncRunWaiter {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRunWaiter.class);

    /** The kinds of run and what their statuses mean. */
    public enum RunType {
        SYNC_RUN("sync run", "sync", Set.of("success", "warning"), Set.of("failed", "cancelled", "interrupted"),
                 Set.of("queued", "querying", "processing", "reporting", "pending")),
        SYNC_SEQUENCE_RUN("sync sequence run", "sync sequence", Set.of("done"), Set.of("failed", "cancelled"),
                          Set.of("pending", "running")),
        /** Identity resolution runs: the API spells their statuses in capitals; any case is read the same. */
        IDR_RUN("identity resolution run", "graph", Set.of("SUCCESS"), Set.of("FAILURE", "CANCELLED"),
                Set.of("QUEUED", "PROCESSING"), true);

        private final String description;
        private final String ownerDescription;
        private final Set<String> succeeded;
        private final Set<String> failed;
        private final Set<String> inProgress;
        private final boolean upperCase;

        RunType(String description, String ownerDescription, Set<String> succeeded, Set<String> failed,
                Set<String> inProgress) {
            this(description, ownerDescription, succeeded, failed, inProgress, false);
        }

        RunType(String description, String ownerDescription, Set<String> succeeded, Set<String> failed,
                Set<String> inProgress, boolean upperCase) {
            this.description = description;
            this.ownerDescription = ownerDescription;
            this.succeeded = succeeded;
            this.failed = failed;
            this.inProgress = inProgress;
            this.upperCase = upperCase;
        }

        private String key(String status) {
            return upperCase ? status.toUpperCase(Locale.ROOT) : status;
        }

        /** Whether the status is final. */
        public boolean isTerminal(String status) {
            return status != null && (succeeded.contains(key(status)) || failed.contains(key(status)));
        }

        /** Whether the status is final and unsuccessful. */
        boolean isFailed(String status) {
            return status != null && failed.contains(key(status));
        }

        boolean isKnown(String status) {
            return status != null && (isTerminal(status) || inProgress.contains(key(status)));
        }
    }

    /**
     * What to wait for.
     *
     * @param operation     the component operation that waits (named in errors)
     * @param type          sync run or sync sequence run
     * @param ownerId       the sync id (or sync sequence id), for messages; may be null
     * @param runId         the run id
     * @param poll          one poll, given the wait's deadline (a poll must end by it): completes with the run, or
     *                      with null while the run is not visible yet
     * @param pollInterval  milliseconds between polls
     * @param timeout       milliseconds the wait lasts at most
     * @param failOnWarning whether a warning status fails
     * @param progress      where the status changes are logged (the progressLoggingLevel option)
     * @param pace          how far the interval stretches while the budget is tight (never past the deadline)
     */
    public record Wait(
            String operation, RunType type, String ownerId, String runId,
            LongFunction<CompletableFuture<Map<String, Object>>> poll, long pollInterval, long timeout, boolean failOnWarning,
            ProgressLog progress, PollPace pace) {

        /** A wait that polls every pollInterval, however tight the budget. */
        public Wait(String operation, RunType type, String ownerId, String runId,
                    LongFunction<CompletableFuture<Map<String, Object>>> poll, long pollInterval, long timeout,
                    boolean failOnWarning, ProgressLog progress) {
            this(operation, type, ownerId, runId, poll, pollInterval, timeout, failOnWarning, progress, PollPace.STEADY);
        }

        /** A wait that logs no progress. */
        public Wait(String operation, RunType type, String ownerId, String runId,
                    LongFunction<CompletableFuture<Map<String, Object>>> poll, long pollInterval, long timeout,
                    boolean failOnWarning) {
            this(operation, type, ownerId, runId, poll, pollInterval, timeout, failOnWarning, ProgressLog.OFF);
        }

        public Wait {
            progress = progress == null ? ProgressLog.OFF : progress;
            pace = pace == null ? PollPace.STEADY : pace;
        }

        /** How the lines name the run, e.g. {@code sync run 7 of sync 42}. */
        String runName() {
            return type.description + " " + runId + (ownerId == null ? "" : " of " + type.ownerDescription + " " + ownerId);
        }
    }

    private final ScheduledExecutorService scheduler;
    private final HightouchObserver observer;
    private final RunPollGroups sharedPolls;
    private final Set<Waiting> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public SyncRunWaiter(ScheduledExecutorService scheduler) {
        this(scheduler, HightouchObserver.NONE);
    }

    /** A waiter that reports how each wait ended to the observer. */
    public SyncRunWaiter(ScheduledExecutorService scheduler, HightouchObserver observer) {
        this.scheduler = scheduler;
        this.observer = observer;
        this.sharedPolls = new RunPollGroups(scheduler);
    }

    /** The shared polls of the waits of this component, on its scheduler: a wait's poll may be one of them. */
    public RunPollGroups sharedPolls() {
        return sharedPolls;
    }

    /**
     * Starts a wait. The future completes with the final run on success (or warning, unless failOnWarning), fails
     * with a {@link HightouchSyncRunException} for an unsuccessful run, with a {@link HightouchWaitTimeoutException}
     * after the timeout, or with the error of a poll that cannot be tolerated. It completes on a scheduler thread.
     */
    public CompletableFuture<Map<String, Object>> await(Wait wait) {
        Waiting waiting = new Waiting(wait);
        if (closed) {
            waiting.result.completeExceptionally(stopped(wait));
            return waiting.result;
        }
        active.add(waiting);
        // the caller's steps follow this one: by then the wait is no longer counted and its end is recorded
        CompletableFuture<Map<String, Object>> ended = waiting.result.whenComplete((run, error) -> {
            active.remove(waiting);
            observer.runEnded(wait.type().name(), run, error);
        });
        waiting.schedule(0);
        return ended;
    }

    /**
     * How many waits are in progress.
     */
    public int activeWaits() {
        return active.size();
    }

    /**
     * Ends every wait in progress with an error (the component is stopping; the runs go on in Hightouch) and refuses
     * new ones.
     */
    public void close() {
        closed = true;
        for (Waiting waiting : active) {
            waiting.result.completeExceptionally(stopped(waiting.wait));
        }
        active.clear();
        sharedPolls.clear();
    }

    private static HightouchException stopped(Wait wait) {
        return new HightouchException("Hightouch " + wait.operation() + ": stopped waiting for " + wait.type().description
                                      + " " + wait.runId() + " because the component is stopping; the run goes on");
    }

    /** Whether a failed poll is worth another: the run goes on whatever a poll meets. */
    static boolean isTransient(Throwable error) {
        if (error instanceof HightouchTransportException transport) {
            // a poll cancelled because its endpoint or component is stopping: polling again cannot help
            return !(transport.getCause() instanceof CancellationException);
        }
        return error instanceof HightouchApiException api && (api.getStatusCode() == 429 || api.getStatusCode() >= 500);
    }

    /** Reads the status of a run. */
    public static String status(Map<String, Object> run) {
        Object status = run.get("status");
        return status == null ? null : status.toString();
    }

    /**
     * One wait in progress: polls, then schedules itself again.
     */
    private final class Waiting implements Runnable {
        private final Wait wait;
        private final long deadline;
        private final CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
        private final long startNanos = System.nanoTime();
        /** The statuses already logged, so that each is logged once however many polls meet it. */
        private final Set<String> statusesLogged = new HashSet<>();
        private boolean notVisibleLogged;
        private String lastStatus;
        private Map<String, Object> lastRun;
        private Throwable lastError;

        Waiting(Wait wait) {
            this.wait = wait;
            this.deadline = Deadlines.after(System.nanoTime(), wait.timeout());
        }

        void schedule(long delayMillis) {
            try {
                scheduler.schedule(this, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(stopped(wait));
            }
        }

        @Override
        public void run() {
            if (result.isDone()) {
                return;
            }
            CompletableFuture<Map<String, Object>> poll;
            try {
                poll = wait.poll().apply(deadline);
            } catch (RuntimeException e) {
                poll = CompletableFuture.failedFuture(e);
            }
            poll.whenComplete(this::polled);
        }

        private void polled(Map<String, Object> run, Throwable failure) {
            if (result.isDone()) {
                return;
            }
            if (failure != null) {
                Throwable error = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (!isTransient(error)) {
                    result.completeExceptionally(error);
                    return;
                }
                lastError = error;
                LOG.warn("Polling {} {} failed, polling again: {}", wait.type().description, wait.runId(), error.getMessage());
            } else if (run == null) {
                lastError = null;
                if (!notVisibleLogged) {
                    notVisibleLogged = true;
                    LOG.debug("{} {} is not visible yet, polling again", wait.type().description, wait.runId());
                }
            } else {
                lastError = null;
                lastRun = run;
                lastStatus = status(run);
                logStatus(run, lastStatus);
                if (wait.type().isTerminal(lastStatus)) {
                    finish(run, lastStatus);
                    return;
                }
            }
            long remainingMillis = Deadlines.millisLeft(deadline);
            if (remainingMillis <= 0) {
                if (wait.progress().isEnabled()) {
                    wait.progress().log("Hightouch {}: stopped waiting after {} ms (timeout {} ms), last status {}{}",
                            wait.runName(), ProgressLog.millisSince(startNanos), wait.timeout(),
                            lastStatus == null ? "(the run was never visible)" : RunCounts.status(lastStatus),
                            RunCounts.of(lastRun));
                }
                result.completeExceptionally(new HightouchWaitTimeoutException(
                        wait.operation(), wait.ownerId(), wait.runId(), lastStatus, wait.timeout(), lastRun, lastError));
                return;
            }
            // a tight budget stretches the interval; the deadline still bounds it, so the last poll comes by it
            schedule(Math.min(wait.pace().delay(wait.pollInterval()), remainingMillis));
        }

        /** Logs a status the first time the wait meets it: at the progress level, or at WARN when it is unknown. */
        private void logStatus(Map<String, Object> run, String status) {
            boolean known = wait.type().isKnown(status);
            if ((known && !wait.progress().isEnabled()) || !statusesLogged.add(wait.type().key(String.valueOf(status)))) {
                return;
            }
            if (known) {
                wait.progress().log("Hightouch {}: {} after {} ms{}", wait.runName(), RunCounts.status(status),
                        ProgressLog.millisSince(startNanos), RunCounts.of(run));
            } else {
                LOG.warn("Hightouch {}: {} after {} ms{}; a status not known to be final, waiting on", wait.runName(),
                        RunCounts.status(status), ProgressLog.millisSince(startNanos), RunCounts.of(run));
            }
        }

        private void finish(Map<String, Object> run, String status) {
            boolean failed = wait.type().isFailed(status) || wait.failOnWarning() && "warning".equals(status);
            if (failed) {
                result.completeExceptionally(
                        new HightouchSyncRunException(wait.operation(), wait.ownerId(), wait.runId(), status, run));
            } else {
                result.complete(run);
            }
        }
    }
}
