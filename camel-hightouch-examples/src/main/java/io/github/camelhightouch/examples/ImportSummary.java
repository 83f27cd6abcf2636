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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelhightouch.HightouchConstants;
import org.apache.camel.Exchange;

/**
 * What the import did, pass by pass and record by record: how many records were read, which were created or updated
 * (with the id Hightouch gave them) and which failed (with the reason), then how the events step ended
 * ({@link EventsSummary}) and the sync step after it ({@link SyncRunSummary}). The routes report to it; the
 * application prints it at the end.
 */
public class ImportSummary {

    /** What Hightouch did with a record: created it, or updated the resource that already had its slug. */
    public record Imported(int pass, int line, String kind, String slug, Object id, String outcome) {
    }

    /** A record that went to the dead letters. */
    public record Failed(int pass, int line, String kind, String reason) {
    }

    /** The outcome of a create that made a new resource. */
    public static final String CREATED = "created";

    /** The outcome of a create that met an existing slug and updated that resource (onConflict=update). */
    public static final String UPDATED = "updated";

    private final AtomicInteger recordsRead = new AtomicInteger();
    private final List<Imported> imported = new CopyOnWriteArrayList<>();
    private final List<Failed> failed = new CopyOnWriteArrayList<>();
    private final Runnable whenAborted;
    private final SyncRunSummary sync;
    private final EventsSummary events;
    private volatile boolean complete;
    private volatile String abortReason;

    /**
     * @param whenAborted run when the import stops before the end of the file, e.g. to stop the application (when
     *                    it goes through, the sync step after it ends the run)
     * @param events      the events step that follows the import
     * @param sync        the sync step that follows the events
     */
    public ImportSummary(Runnable whenAborted, EventsSummary events, SyncRunSummary sync) {
        this.whenAborted = whenAborted;
        this.events = events;
        this.sync = sync;
    }

    /** A record was read from the file. */
    public void onRead() {
        recordsRead.incrementAndGet();
    }

    /**
     * Hightouch created or updated the record: the body is the resource, the resource id header holds its id and the
     * outcome header says which (a create without onConflict has none: it created).
     */
    public void onImported(Exchange exchange) {
        Object slug = exchange.getMessage().getBody(Map.class).get("slug");
        String outcome = exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME, CREATED, String.class);
        imported.add(new Imported(passOf(exchange), lineOf(exchange), kindOf(exchange),
                slug == null ? null : slug.toString(), exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID),
                outcome));
    }

    /** The record failed; the exception that made it fail is on the exchange. */
    public void onFailed(Exchange exchange) {
        failed.add(new Failed(passOf(exchange), lineOf(exchange), kindOf(exchange), DeadLetters.reason(exchange)));
    }

    /** The whole file has been processed; the sync step comes next. */
    public void onFinished() {
        complete = true;
    }

    /** The import stopped before the end of the file (e.g. the file cannot be read); the exception says why. */
    public void onAborted(Exchange exchange) {
        abortReason = DeadLetters.reason(exchange);
        whenAborted.run();
    }

    public int recordsRead() {
        return recordsRead.get();
    }

    /** Every record Hightouch took, in every pass, in order. */
    public List<Imported> imported() {
        return List.copyOf(imported);
    }

    /** The records of a pass with the given outcome (created or updated). */
    public List<Imported> imported(int pass, String outcome) {
        return imported.stream().filter(i -> i.pass() == pass && i.outcome().equals(outcome)).toList();
    }

    /** The records Hightouch created, in every pass. */
    public List<Imported> created() {
        return imported.stream().filter(i -> i.outcome().equals(CREATED)).toList();
    }

    /** The records that failed in a pass. */
    public List<Failed> failed(int pass) {
        return failed.stream().filter(f -> f.pass() == pass).toList();
    }

    public List<Failed> failed() {
        return List.copyOf(failed);
    }

    /** The events step that follows the import. */
    public EventsSummary events() {
        return events;
    }

    /** The sync step that follows the import. */
    public SyncRunSummary sync() {
        return sync;
    }

    /** Whether the route went through the whole file. */
    public boolean isComplete() {
        return complete;
    }

    /** Why the import stopped before the end of the file, null when it did not. */
    public String abortReason() {
        return abortReason;
    }

    /** Prints the summary: per pass one line per imported or failed record; then the events and the sync step. */
    public void print(PrintStream out) {
        if (abortReason != null) {
            out.println("The import stopped: " + abortReason);
        }
        out.println("Records read: " + recordsRead());
        int passes = Math.max(imported.stream().mapToInt(Imported::pass).max().orElse(1),
                failed.stream().mapToInt(Failed::pass).max().orElse(1));
        for (int pass = 1; pass <= passes; pass++) {
            int thisPass = pass;
            List<Imported> took = imported.stream().filter(i -> i.pass() == thisPass).toList();
            List<Failed> refused = failed(pass);
            out.printf("Pass %d: %d created, %d updated, %d failed%n", pass, imported(pass, CREATED).size(),
                    imported(pass, UPDATED).size(), refused.size());
            for (Imported i : took) {
                out.printf("  line %d  %-6s %-24s %-8s id %s%n", i.line(), i.kind(), i.slug(), i.outcome(), i.id());
            }
            for (Failed f : refused) {
                out.printf("  line %d  %-6s failed   %s%n", f.line(), f.kind() == null ? "?" : f.kind(), f.reason());
            }
        }
        events.print(out);
        sync.print(out, complete);
        out.flush();
    }

    /** The pass of the import the exchange belongs to, counted from 1. */
    static int passOf(Exchange exchange) {
        Integer index = exchange.getProperty(Exchange.LOOP_INDEX, Integer.class);
        return index == null ? 1 : index + 1;
    }

    /** The line of the records file the exchange carries, counted from 1. */
    static int lineOf(Exchange exchange) {
        Integer index = exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class);
        return index == null ? 0 : index + 1;
    }

    private static String kindOf(Exchange exchange) {
        return exchange.getProperty(ImportRecordsRoute.RECORD_KIND, String.class);
    }
}
