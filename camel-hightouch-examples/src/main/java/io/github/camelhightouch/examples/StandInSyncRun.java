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

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One sync run of the local Hightouch stand-in, which moves on each time it is polled, as a real run does over time:
 * <ol>
 * <li>first poll: not visible yet (Hightouch can answer an empty run list right after a trigger);</li>
 * <li>second poll: queued;</li>
 * <li>third to fifth poll: processing, a quarter further each time;</li>
 * <li>from the sixth poll on: the status it was told to end in, with its row counts and, for failed, cancelled and
 * interrupted runs, an error. Told to end in processing, it never ends.</li>
 * </ol>
 * Its JSON has the fields of Hightouch's SyncRun (id, createdAt, startedAt, finishedAt, querySize, status,
 * completionRatio, plannedRows, successfulRows, failedRows, error); startedAt and finishedAt are null until the run
 * has started or finished. Not thread-safe: the responder serializes the calls.
 */
final class StandInSyncRun {

    /** The poll from which the run is visible. */
    private static final int VISIBLE_FROM_POLL = 2;

    /** The poll from which it is processing. */
    private static final int PROCESSING_FROM_POLL = 3;

    /** The poll from which it has ended. */
    private static final int ENDED_FROM_POLL = 6;

    /** The rows of the model the stand-in's sync reads. */
    private static final int QUERY_SIZE = 1200;

    /** What the run plans to change in the destination: its added, changed and removed rows. */
    private static final Rows PLANNED = new Rows(120, 14, 3);

    private final String syncId;
    private final long id;
    private final String endStatus;
    private final Instant createdAt;
    private Instant startedAt;
    private Instant finishedAt;
    private int polls;

    /**
     * @param syncId    the sync the run belongs to
     * @param id        the run id
     * @param endStatus the status the run ends in: success, warning, failed, cancelled or interrupted; processing
     *                  for a run that never ends
     */
    StandInSyncRun(String syncId, long id, String endStatus) {
        this.syncId = syncId;
        this.id = id;
        this.endStatus = endStatus;
        this.createdAt = now();
    }

    String syncId() {
        return syncId;
    }

    long id() {
        return id;
    }

    /**
     * A poll has reached the run: it moves on one step. Answers whether the run is visible to that poll.
     */
    boolean poll() {
        polls++;
        if (polls >= PROCESSING_FROM_POLL && startedAt == null) {
            startedAt = now();
        }
        if (polls >= ENDED_FROM_POLL && finishedAt == null && !"processing".equals(endStatus)) {
            finishedAt = now();
        }
        return polls >= VISIBLE_FROM_POLL;
    }

    /** The run as Hightouch describes it, in its current state. */
    ObjectNode toJson() {
        String status = status();
        double completion = completionRatio(status);
        Rows successful;
        Rows failed = Rows.NONE;
        String error = null;
        switch (status) {
            case "success" -> successful = PLANNED;
            case "warning" -> {
                successful = new Rows(PLANNED.added() - 3, PLANNED.changed(), PLANNED.removed());
                failed = new Rows(3, 0, 0);
            }
            case "failed" -> {
                successful = new Rows(80, 0, 0);
                failed = new Rows(PLANNED.added() - 80, PLANNED.changed(), PLANNED.removed());
                error = "The destination rejected " + failed.total() + " rows: field 'email' is not a valid email address";
            }
            case "cancelled" -> {
                successful = new Rows(60, 0, 0);
                error = "The run was cancelled by a workspace member";
            }
            case "interrupted" -> {
                successful = new Rows(60, 0, 0);
                error = "The run was interrupted: its worker restarted";
            }
            case "queued" -> successful = Rows.NONE;
            default -> successful = new Rows((int) Math.round(PLANNED.added() * completion), 0, 0);
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode run = nodes.objectNode()
                .put("id", id)
                .put("createdAt", createdAt.toString())
                .put("startedAt", startedAt == null ? null : startedAt.toString())
                .put("finishedAt", finishedAt == null ? null : finishedAt.toString())
                .put("querySize", "queued".equals(status) ? 0 : QUERY_SIZE)
                .put("status", status)
                .put("completionRatio", completion);
        run.set("plannedRows", ("queued".equals(status) ? Rows.NONE : PLANNED).toJson());
        run.set("successfulRows", successful.toJson());
        run.set("failedRows", failed.toJson());
        if (error != null) {
            run.put("error", error);
        }
        return run;
    }

    private String status() {
        if (polls < PROCESSING_FROM_POLL) {
            return "queued";
        }
        if (polls < ENDED_FROM_POLL) {
            return "processing";
        }
        return endStatus;
    }

    private double completionRatio(String status) {
        return switch (status) {
            case "queued" -> 0;
            // a quarter further on each poll: 0.25, 0.5, 0.75 (and there it stays for a run that never ends)
            case "processing" -> 0.25 * (Math.min(polls, ENDED_FROM_POLL - 1) - PROCESSING_FROM_POLL + 1);
            case "success", "warning", "failed" -> 1;
            default -> 0.5;
        };
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Row counts, as Hightouch gives them for planned, successful and failed rows. */
    private record Rows(int added, int changed, int removed) {

        static final Rows NONE = new Rows(0, 0, 0);

        int total() {
            return added + changed + removed;
        }

        ObjectNode toJson() {
            return JsonNodeFactory.instance.objectNode()
                    .put("addedCount", added)
                    .put("changedCount", changed)
                    .put("removedCount", removed);
        }
    }
}
