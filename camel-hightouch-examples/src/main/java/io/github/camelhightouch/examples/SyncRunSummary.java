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
package io.github.camelhightouch.examples;

import java.io.PrintStream;
import java.util.Map;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchSyncRunException;
import io.github.camelhightouch.HightouchWaitTimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.util.ObjectHelper;

/**
 * The sync step of the example: which sync the route triggers once the records are in (none: the step is skipped),
 * and how its run ended, for the summary. The run-sync route calls it (bean name syncSummary); the step is the last
 * one, so whatever its outcome, recording it ends the application's run.
 */
public class SyncRunSummary {

    /** How the sync step ended. */
    public enum Result {
        /** The run ended success (or warning). */
        SUCCEEDED,
        /** A call to Hightouch failed, or the run ended failed, cancelled or interrupted, or did not end in time. */
        FAILED,
        /** No sync to trigger. */
        SKIPPED
    }

    /**
     * How the sync step ended.
     *
     * @param result  succeeded, failed or skipped
     * @param syncId  the sync triggered, null when skipped
     * @param runId   the run, null when the trigger failed or the step was skipped
     * @param status  the run's final status (or the last one seen when the wait timed out), null when unknown
     * @param run     the run as Hightouch last described it, null when never seen
     * @param reason  why the step failed or was skipped, null when it succeeded
     */
    public record Outcome(Result result, String syncId, String runId, String status, Map<String, Object> run,
                          String reason) {
    }

    private final String syncId;
    private final String skipReason;
    private final Runnable whenDone;
    private volatile Outcome outcome;

    /**
     * @param syncId     the sync to trigger, null for none
     * @param skipReason why there is no sync to trigger, for the summary (unused with a sync id)
     * @param whenDone   run once the step has ended, whatever its outcome, e.g. to stop the application
     */
    public SyncRunSummary(String syncId, String skipReason, Runnable whenDone) {
        this.syncId = syncId;
        this.skipReason = skipReason;
        this.whenDone = whenDone;
    }

    /** The sync the route triggers, null when it triggers none. */
    public String syncId() {
        return syncId;
    }

    /** The route had no sync to trigger. */
    public void onSkipped() {
        done(new Outcome(Result.SKIPPED, null, null, null, null, skipReason));
    }

    /** The run ended success or warning: the body is the run, the headers hold its id and status. */
    @SuppressWarnings("unchecked")
    public void onFinished(Exchange exchange) {
        Message message = exchange.getMessage();
        done(new Outcome(Result.SUCCEEDED, syncId, message.getHeader(HightouchConstants.SYNC_RUN_ID, String.class),
                message.getHeader(HightouchConstants.SYNC_RUN_STATUS, String.class), message.getBody(Map.class), null));
    }

    /** The run ended failed, cancelled or interrupted, or the wait for it timed out. */
    public void onRunFailed(Exchange exchange) {
        Throwable caught = caught(exchange);
        HightouchSyncRunException failed = ObjectHelper.getException(HightouchSyncRunException.class, caught);
        HightouchWaitTimeoutException timedOut = ObjectHelper.getException(HightouchWaitTimeoutException.class, caught);
        if (failed != null) {
            String error = failed.getRunError();
            done(new Outcome(Result.FAILED, syncId, failed.getRunId(), failed.getStatus(), failed.getRun(),
                    "the run ended " + failed.getStatus() + (error == null ? "" : ": " + error)));
        } else if (timedOut != null) {
            String lastStatus = timedOut.getLastStatus();
            done(new Outcome(Result.FAILED, syncId, timedOut.getRunId(), lastStatus, timedOut.getLastRun(),
                    "the run did not finish within " + timedOut.getTimeout() + " ms; last status seen: "
                    + (lastStatus == null ? "none" : lastStatus)));
        } else {
            onCallFailed(exchange);
        }
    }

    /**
     * A call to Hightouch failed: the sync could not be triggered (unknown sync, wrong key, Hightouch unreachable,
     * ...), or a poll of its run failed in a way that waiting longer cannot mend.
     */
    public void onCallFailed(Exchange exchange) {
        String runId = exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID, String.class);
        done(new Outcome(Result.FAILED, syncId, runId, null, null, DeadLetters.reason(exchange)));
    }

    private void done(Outcome ended) {
        outcome = ended;
        whenDone.run();
    }

    /** How the sync step ended, null when it did not run (the import stopped before). */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * Prints the sync step: the sync, the run, its status and row counts, e.g.
     * {@code Sync 42: run 9001 success, 120 rows added, 14 changed, 3 removed}, then why it failed, if it did.
     *
     * @param importFinished whether the import before it went through the whole file
     */
    public void print(PrintStream out, boolean importFinished) {
        Outcome ended = outcome;
        if (ended == null) {
            out.println(importFinished
                    ? "Sync " + syncId + ": no outcome, the application stopped before the step ended"
                    : "Sync: not triggered, the import did not finish");
        } else if (ended.result() == Result.SKIPPED) {
            out.println("Sync: skipped, " + ended.reason());
        } else {
            StringBuilder line = new StringBuilder("Sync ").append(ended.syncId()).append(": ");
            if (ended.runId() == null) {
                line.append("not triggered");
            } else {
                line.append("run ").append(ended.runId()).append(' ')
                        .append(ended.status() == null ? "status unknown" : ended.status());
                line.append(rows(ended.run()));
            }
            out.println(line);
            if (ended.result() == Result.FAILED) {
                out.println("Sync failed: " + ended.reason());
            }
        }
        out.flush();
    }

    /** The row counts of a run: what it added, changed and removed, and the rows that failed, if any. */
    private static String rows(Map<String, Object> run) {
        if (run == null || !(run.get("successfulRows") instanceof Map<?, ?> successful)) {
            return "";
        }
        String rows = ", " + count(successful, "addedCount") + " rows added, " + count(successful, "changedCount")
                      + " changed, " + count(successful, "removedCount") + " removed";
        if (run.get("failedRows") instanceof Map<?, ?> failed) {
            long failedRows = count(failed, "addedCount") + count(failed, "changedCount") + count(failed, "removedCount");
            if (failedRows > 0) {
                rows += ", " + failedRows + " rows failed";
            }
        }
        return rows;
    }

    private static long count(Map<?, ?> rows, String field) {
        return rows.get(field) instanceof Number number ? number.longValue() : 0;
    }

    private static Throwable caught(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return caught != null ? caught : exchange.getException();
    }
}
