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

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import io.github.camelhightouch.HightouchException;
import io.github.camelhightouch.internal.call.Deadlines;

/**
 * The shared poll of every wait on the runs of one owner (a sync, an identity resolution graph) through one rate
 * limit: the polls the waits ask for within one poll interval are answered together by one list of the owner's recent
 * runs (a page or a few), instead of one request per wait.
 * <p>
 * A poll asked for joins the next list, which starts a short gathering moment after the first ask, and never sooner
 * than one poll interval after the previous list started: at most one list per interval, however many waits. Each ask
 * gets its run from the answer. A run the answer does not hold is answered by the wait's own poll (its {@code runId}
 * read) when the list may have missed it: the pages were cut short, the run was seen before, or it was already
 * missing from the previous list (Hightouch may filter the list on the start time, which a queued run lacks); only a
 * run never seen, missing from a complete list for the first time, is reported not visible yet, as its own poll would
 * report it right after the trigger. A list that fails with a transient error (transport, 429, 5xx, after the call's
 * own retries) fails the asks with it, so that each wait polls again as it does after a failed poll of its own; any
 * other failure or an answer that is no run list falls back to the waits' own polls.
 * <p>
 * A list reaches back to the oldest creation time of its runs as Hightouch reported it (in a list or an own poll),
 * a second before it; for a run not answered yet, to its wait's start less {@link #CLOCK_MARGIN_MILLIS} (the local
 * clock may differ from Hightouch's), which is also as far back as a reported time takes it (a wait resumed on an old
 * run does not drag every list back). The sync's older runs thus do not fill the pages once each run was answered.
 * <p>
 * A round with the polls of one run only is that run's own poll: a list would cost as much and answer less surely.
 * A wait alone in its group (no other run asked within a few of its intervals) polls by itself at once, on the asking
 * thread, with no gathering moment: exactly as it would without shared polls. A poll asked for with less than two
 * intervals left before its wait's deadline is the wait's own poll: the last poll of a wait never depends on a list it
 * could miss, and the list's deadline is the earliest of its waits'.
 * <p>
 * Rounds may overlap: a list that is slow to answer holds the asks of its own round only (until their earliest
 * deadline), and the asks that come meanwhile get the next round an interval after it started, so no ask ever waits
 * past its own deadline for another round's list.
 */
public final class RunPollGroup {

    /** How long the first ask of a round waits for others to join, at most: a tenth of the interval, up to this. */
    static final long MAX_GATHER_MILLIS = 50;

    /** How many intervals a group stays without asks before it retires (waits may stretch their interval). */
    static final long IDLE_INTERVALS = 5;

    /** How far before the oldest pending wait the list reaches back, for a clock that differs from Hightouch's. */
    static final long CLOCK_MARGIN_MILLIS = TimeUnit.MINUTES.toMillis(5);

    /** How far before a run's reported creation its later lists reach back, for a rounded or later start time. */
    static final long CREATED_MARGIN_MILLIS = 1000;

    /** When a run was created, as Hightouch reported it, and when a round last asked for it. */
    private record Created(Instant at, long usedAt) {
    }

    /** One page of an owner's runs. */
    @FunctionalInterface
    public interface RunList {
        /**
         * Reads one page of the owner's runs started since {@code since}, {@code offset} runs in.
         *
         * @param deadline the {@link System#nanoTime()} by which the read must end
         * @return the parsed answer ({@code {data: [...], hasMore}}); fails with the read's error
         */
        CompletableFuture<Object> page(Instant since, int offset, long deadline);
    }

    /** A wait's poll asked for: what it needs to be answered from a list, or by its own poll. */
    private record Ask(String runId, Instant since, long interval, long deadline, RunList list,
                       LongFunction<CompletableFuture<Map<String, Object>>> ownPoll,
                       CompletableFuture<Map<String, Object>> answer) {
    }

    private final ScheduledExecutorService scheduler;
    private final int pageSize;
    private final Runnable idle;
    private List<Ask> pending = new ArrayList<>();
    /** The runs a list has held, or that a list missed once, while their waits go on. */
    private final Set<String> seen = new HashSet<>();
    private final Set<String> missed = new HashSet<>();
    private final Map<String, Created> createdAt = new HashMap<>();
    private ScheduledFuture<?> next;
    private long nextAt;
    /** Rounds whose lists are out. */
    private int inFlight;
    private boolean retired;
    /** The run of the latest ask and when it came; until {@code sharedUntil}, asks of several runs were seen. */
    private String lastRun;
    private long lastAskAt;
    private long sharedUntil;
    private boolean started;
    private long lastStart;
    private long lastInterval;

    /**
     * @param pageSize runs per list page
     * @param idle     called once when the group has had nothing to do for a few intervals: it is retired, and a new
     *                 ask needs a new group
     */
    RunPollGroup(ScheduledExecutorService scheduler, int pageSize, Runnable idle) {
        this.scheduler = scheduler;
        this.pageSize = pageSize;
        this.idle = idle;
        this.sharedUntil = System.nanoTime();
    }

    /**
     * Asks for one poll of a run.
     *
     * @param since    when the wait started (its run was created before); the list reaches back to the oldest
     * @param interval the wait's poll interval in milliseconds
     * @param deadline the wait's deadline ({@link System#nanoTime()})
     * @param list     reads a page of the owner's runs (the asking endpoint's; the newest ask's is used)
     * @param ownPoll  the wait's own poll of its run, given the deadline
     * @return the run, null while it is not visible, or the error of the poll; null when this group is retired (ask a
     *         new one)
     */
    CompletableFuture<Map<String, Object>> poll(String runId, Instant since, long interval, long deadline, RunList list,
                                                LongFunction<CompletableFuture<Map<String, Object>>> ownPoll) {
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        List<Ask> refused;
        synchronized (this) {
            if (retired) {
                return null;
            }
            long now = System.nanoTime();
            if (alone(runId, now, interval) || Deadlines.millisLeft(deadline) < 2 * interval) {
                refused = null;
            } else {
                pending.add(new Ask(runId, since, interval, deadline, list, ownPoll, answer));
                refused = roundBy(now, interval);
                if (refused.isEmpty()) {
                    return answer;
                }
            }
        }
        if (refused == null) {
            CompletableFuture<Map<String, Object>> own = ownPoll.apply(deadline);
            own.thenAccept(run -> learn(runId, run));
            return own;
        }
        failStopped(refused);
        return answer;
    }

    /** Keeps when Hightouch says the run was created: the lists of its later rounds need reach back no further. */
    private void learn(String runId, Map<?, ?> run) {
        if (run != null && run.get("createdAt") instanceof String text) {
            try {
                Instant at = Instant.parse(text);
                synchronized (this) {
                    createdAt.put(runId, new Created(at, System.nanoTime()));
                }
            } catch (DateTimeParseException notAnInstant) {
                // the margin from the local clock stays
            }
        }
    }

    /**
     * How far back a round's list reaches: the oldest of its runs' creation times as Hightouch reported them, or, for
     * a run never answered yet, its wait's start less the clock margin, which also bounds how far back a reported time
     * takes it. Forgets the runs no round asked for a while.
     */
    private synchronized Instant listAfter(List<Ask> asks, long now) {
        Instant after = null;
        for (Ask ask : asks) {
            Created created = createdAt.get(ask.runId);
            // the reported time only narrows the reach: an old run waited on again does not drag every list back
            Instant from = ask.since.minusMillis(CLOCK_MARGIN_MILLIS);
            if (created != null) {
                createdAt.put(ask.runId, new Created(created.at, now));
                Instant reported = created.at.minusMillis(CREATED_MARGIN_MILLIS);
                from = reported.isAfter(from) ? reported : from;
            }
            after = after == null || from.isBefore(after) ? from : after;
        }
        long forgetAfter = TimeUnit.MILLISECONDS.toNanos(IDLE_INTERVALS * PollPace.MAX_STRETCH * lastInterval);
        createdAt.values().removeIf(created -> now - created.usedAt > forgetAfter);
        return after;
    }

    /**
     * Whether this ask is the only run the group has heard of lately: no ask of another run within the time a wait may
     * stretch its interval to, and none pending. Records the ask.
     */
    private boolean alone(String runId, long now, long interval) {
        long horizon = TimeUnit.MILLISECONDS.toNanos((PollPace.MAX_STRETCH + 1) * interval);
        if (lastRun != null && !lastRun.equals(runId) && now - lastAskAt < horizon) {
            sharedUntil = now + horizon;
        }
        boolean alone = pending.isEmpty() && (lastRun == null || now - sharedUntil >= 0);
        lastRun = runId;
        lastAskAt = now;
        return alone;
    }

    /**
     * Makes sure a round starts by when this interval wants it: after the gathering moment, and an interval after the
     * previous start. Returns the asks to fail when the scheduler is gone (the component stops), else none.
     */
    private List<Ask> roundBy(long now, long interval) {
        long gather = TimeUnit.MILLISECONDS.toNanos(Math.min(MAX_GATHER_MILLIS, interval / 10));
        long earliest = started ? lastStart + TimeUnit.MILLISECONDS.toNanos(interval) : now;
        long at = Math.max(now + gather, earliest);
        if (next != null && nextAt - at <= 0) {
            return List.of();
        }
        if (next != null && !next.cancel(false)) {
            // it is starting now and takes the pending asks with it
            return List.of();
        }
        return scheduleAt(now, at);
    }

    private List<Ask> scheduleAt(long now, long at) {
        try {
            next = scheduler.schedule(this::round, Math.max(0, at - now), TimeUnit.NANOSECONDS);
            nextAt = at;
            return List.of();
        } catch (RejectedExecutionException stopping) {
            next = null;
            List<Ask> asks = pending;
            pending = new ArrayList<>();
            return asks;
        }
    }

    private static void failStopped(List<Ask> asks) {
        HightouchException stopped = new HightouchException(
                "Hightouch: the component is stopping; the shared run poll does not go on");
        asks.forEach(ask -> ask.answer.completeExceptionally(stopped));
    }

    /** One round: takes the asks gathered so far and reads the pages that hold their runs. */
    private void round() {
        List<Ask> asks;
        synchronized (this) {
            next = null;
            asks = pending;
            pending = new ArrayList<>();
            if (asks.isEmpty() && inFlight > 0) {
                // the idle check while a list is out: look again later
                asks = null;
            } else if (asks.isEmpty()) {
                // the idle check: no wait asked for a few intervals
                retired = true;
            } else {
                inFlight++;
                started = true;
                lastStart = System.nanoTime();
                lastInterval = asks.stream().mapToLong(Ask::interval).min().getAsLong();
            }
        }
        if (asks == null) {
            roundDone(false);
            return;
        }
        if (asks.isEmpty()) {
            idle.run();
            return;
        }
        Map<String, List<Ask>> byRun = new HashMap<>();
        long deadline = asks.get(0).deadline;
        for (Ask ask : asks) {
            byRun.computeIfAbsent(ask.runId, id -> new ArrayList<>()).add(ask);
            deadline = Deadlines.earlier(deadline, ask.deadline);
        }
        if (byRun.size() == 1) {
            // one run alone: its own poll costs one request too, and answers exactly
            asks.forEach(this::ownPoll);
            roundDone(true);
            return;
        }
        Instant after = listAfter(asks, System.nanoTime());
        int maxPages = byRun.size() / pageSize + 2;
        readPage(asks.get(asks.size() - 1).list, after, 0, 1, maxPages, deadline, byRun);
    }

    private void readPage(RunList list, Instant after, int offset, int page, int maxPages, long deadline,
                          Map<String, List<Ask>> byRun) {
        CompletableFuture<Object> answer;
        try {
            answer = list.page(after, offset, deadline);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((body, failure) -> {
            if (failure != null) {
                Throwable error = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (SyncRunWaiter.isTransient(error)) {
                    byRun.values().forEach(asks -> asks.forEach(ask -> ask.answer.completeExceptionally(error)));
                } else {
                    byRun.values().forEach(asks -> asks.forEach(this::ownPoll));
                }
                roundDone(true);
                return;
            }
            if (!(body instanceof Map<?, ?> map) || !(map.get("data") instanceof List<?> data)) {
                byRun.values().forEach(asks -> asks.forEach(this::ownPoll));
                roundDone(true);
                return;
            }
            answerFound(data, byRun);
            boolean maybeMore = map.get("hasMore") instanceof Boolean hasMore ? hasMore : data.size() >= pageSize;
            if (!byRun.isEmpty() && maybeMore && page < maxPages && !data.isEmpty()) {
                readPage(list, after, offset + data.size(), page + 1, maxPages, deadline, byRun);
                return;
            }
            answerMissing(byRun, maybeMore);
            roundDone(true);
        });
    }

    @SuppressWarnings("unchecked")
    private void answerFound(List<?> data, Map<String, List<Ask>> byRun) {
        for (Object item : data) {
            if (item instanceof Map<?, ?> run) {
                String id = Runs.idText(run.get("id"));
                List<Ask> asks = id == null ? null : byRun.remove(id);
                if (asks != null) {
                    synchronized (this) {
                        seen.add(id);
                        missed.remove(id);
                    }
                    learn(id, run);
                    asks.forEach(ask -> ask.answer.complete((Map<String, Object>) run));
                }
            }
        }
    }

    /** The runs no page held: not visible yet the first time a complete list misses a new run, else own polls. */
    private void answerMissing(Map<String, List<Ask>> byRun, boolean cut) {
        for (Map.Entry<String, List<Ask>> entry : byRun.entrySet()) {
            boolean firstMiss;
            synchronized (this) {
                firstMiss = !cut && !seen.contains(entry.getKey()) && missed.add(entry.getKey());
            }
            for (Ask ask : entry.getValue()) {
                if (firstMiss) {
                    ask.answer.complete(null);
                } else {
                    ownPoll(ask);
                }
            }
        }
    }

    private void ownPoll(Ask ask) {
        CompletableFuture<Map<String, Object>> own;
        try {
            own = ask.ownPoll.apply(ask.deadline);
        } catch (RuntimeException e) {
            own = CompletableFuture.failedFuture(e);
        }
        own.whenComplete((run, error) -> {
            if (error != null) {
                ask.answer.completeExceptionally(error);
            } else {
                learn(ask.runId, run);
                ask.answer.complete(run);
            }
        });
    }

    /** A round ended (or an idle check found a list out): the next round for the asks that wait, or the idle check. */
    private void roundDone(boolean listed) {
        List<Ask> refused;
        synchronized (this) {
            if (listed) {
                inFlight--;
            }
            long now = System.nanoTime();
            if (!pending.isEmpty()) {
                refused = roundBy(now, pending.stream().mapToLong(Ask::interval).min().getAsLong());
            } else if (next == null) {
                refused = scheduleAt(now, Math.max(now + TimeUnit.MILLISECONDS.toNanos(lastInterval),
                        lastStart + TimeUnit.MILLISECONDS.toNanos(IDLE_INTERVALS * lastInterval)));
            } else {
                refused = List.of();
            }
        }
        failStopped(refused);
    }

    /** How many polls wait for the next list; for tests. */
    synchronized int pendingAsks() {
        return pending.size();
    }
}
