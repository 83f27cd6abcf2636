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
 * What the import did, record by record: how many records were read, which were created (with the id Hightouch gave
 * them) and which failed (with the reason), then how the sync step after it ended ({@link SyncRunSummary}). The routes
 * report to it; the application prints it at the end.
 */
public class ImportSummary {

    /** A record Hightouch created. */
    public record Created(int line, String kind, String slug, Object id) {
    }

    /** A record that went to the dead letters. */
    public record Failed(int line, String kind, String reason) {
    }

    private final AtomicInteger recordsRead = new AtomicInteger();
    private final List<Created> created = new CopyOnWriteArrayList<>();
    private final List<Failed> failed = new CopyOnWriteArrayList<>();
    private final Runnable whenAborted;
    private final SyncRunSummary sync;
    private volatile boolean complete;
    private volatile String abortReason;

    /**
     * @param whenAborted run when the import stops before the end of the file, e.g. to stop the application (when
     *                    it goes through, the sync step after it ends the run)
     * @param sync        the sync step that follows the import
     */
    public ImportSummary(Runnable whenAborted, SyncRunSummary sync) {
        this.whenAborted = whenAborted;
        this.sync = sync;
    }

    /** A record was read from the file. */
    public void onRead() {
        recordsRead.incrementAndGet();
    }

    /** Hightouch created the record: the body is its answer, the resource id header holds the new id. */
    public void onCreated(Exchange exchange) {
        Object slug = exchange.getMessage().getBody(Map.class).get("slug");
        created.add(new Created(lineOf(exchange), kindOf(exchange), slug == null ? null : slug.toString(),
                exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)));
    }

    /** The record failed; the exception that made it fail is on the exchange. */
    public void onFailed(Exchange exchange) {
        failed.add(new Failed(lineOf(exchange), kindOf(exchange), DeadLetters.reason(exchange)));
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

    public List<Created> created() {
        return List.copyOf(created);
    }

    public List<Failed> failed() {
        return List.copyOf(failed);
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

    /** Prints the summary, one line per created or failed record, then the sync step. */
    public void print(PrintStream out) {
        if (abortReason != null) {
            out.println("The import stopped: " + abortReason);
        }
        out.println("Records read: " + recordsRead());
        out.println("Created: " + created.size());
        for (Created c : created) {
            out.printf("  line %d  %-6s %-24s id %s%n", c.line(), c.kind(), c.slug(), c.id());
        }
        out.println("Failed: " + failed.size());
        for (Failed f : failed) {
            out.printf("  line %d  %-6s %s%n", f.line(), f.kind() == null ? "?" : f.kind(), f.reason());
        }
        sync.print(out, complete);
        out.flush();
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
