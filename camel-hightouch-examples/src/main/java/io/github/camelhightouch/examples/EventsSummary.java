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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.camelhightouch.HightouchConstants;
import org.apache.camel.Exchange;

/**
 * What the events step did: how many events were read from the events file, how many Hightouch accepted, in how many
 * batches (as the local stand-in received them; the real Events API does not say), and which failed, with the
 * reason. The events routes report to it; the import summary prints it.
 */
public class EventsSummary {

    /** An event Hightouch accepted: its line and the messageId it was sent with. */
    public record Accepted(int line, String type, String messageId) {
    }

    /** An event that went to the events dead letters. */
    public record Failed(int line, String type, String reason) {
    }

    private final String skipped;
    private final Supplier<List<Integer>> batchSizes;
    private final AtomicInteger eventsRead = new AtomicInteger();
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final List<Failed> failed = new CopyOnWriteArrayList<>();
    private volatile boolean finished;

    /**
     * @param skipped    why the step is skipped, or null when it runs
     * @param batchSizes the sizes of the batches the Events API received, or null when they cannot be known
     */
    public EventsSummary(String skipped, Supplier<List<Integer>> batchSizes) {
        this.skipped = skipped;
        this.batchSizes = batchSizes;
    }

    /** Whether the step runs (the routes skip it otherwise). */
    public boolean enabled() {
        return skipped == null;
    }

    /** An event was read from the file. */
    public void onRead() {
        eventsRead.incrementAndGet();
    }

    /** Hightouch accepted the batch that held the event: the messageId header says which event it was. */
    public void onAccepted(Exchange exchange) {
        accepted.add(new Accepted(ImportSummary.lineOf(exchange), typeOf(exchange),
                exchange.getMessage().getHeader(HightouchConstants.MESSAGE_ID, String.class)));
    }

    /** The event failed; the exception that made it fail is on the exchange. */
    public void onFailed(Exchange exchange) {
        failed.add(new Failed(ImportSummary.lineOf(exchange), typeOf(exchange), DeadLetters.reason(exchange)));
    }

    /** Every event of the file is settled. */
    public void onFinished() {
        finished = true;
    }

    public int eventsRead() {
        return eventsRead.get();
    }

    public List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    public List<Failed> failed() {
        return failed.stream().sorted(java.util.Comparator.comparingInt(Failed::line)).toList();
    }

    /** Whether every event of the file was settled. */
    public boolean isFinished() {
        return finished;
    }

    /** The sizes of the batches the Events API received, or null when they cannot be known. */
    public List<Integer> batchSizes() {
        return batchSizes == null ? null : batchSizes.get();
    }

    /** Prints the step: events read, accepted (and in how many batches), failed with their reasons. */
    public void print(PrintStream out) {
        if (skipped != null) {
            out.println("Events: skipped, " + skipped);
            return;
        }
        out.println("Events read: " + eventsRead());
        List<Integer> sizes = batchSizes();
        out.println("Events accepted: " + accepted.size() + (sizes == null
                ? " (the Events API does not tell how they were batched)"
                : " in " + sizes.size() + " batches of " + sizes.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + " events"));
        List<Failed> failures = failed();
        out.println("Events failed: " + failures.size());
        for (Failed f : failures) {
            out.printf("  line %d  %-8s %s%n", f.line(), f.type() == null ? "?" : f.type(), f.reason());
        }
        if (!finished) {
            out.println("The events step did not finish");
        }
    }

    private static String typeOf(Exchange exchange) {
        return exchange.getProperty(SendEventsRoute.EVENT_TYPE, String.class);
    }
}
