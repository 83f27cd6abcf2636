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
package io.github.camelhightouch.benchmarks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Section 5: events through hightouch:track with batching against one request per event, the same file, the same
 * splitter and the same stub in one run, each in a fresh JVM with the same heap limit; then memory at the large size.
 */
final class EventsBenchmark {

    private static final double MB = 1024.0 * 1024.0;
    /** The raw loop's sender threads: as many as the component's batches in flight (BatchAccumulator.MAX_IN_FLIGHT). */
    private static final int RAW_SENDERS = 4;

    private final Settings settings;
    private final StubServer stub;
    private final Report report;

    EventsBenchmark(Settings settings, StubServer stub, Report report) {
        this.settings = settings;
        this.stub = stub;
        this.report = report;
    }

    void run() throws Exception {
        Path dir = Path.of("bench-data").toAbsolutePath();
        Path small = Records.eventLines(dir, settings.eventsThroughput);
        Path large = Records.eventLines(dir, settings.eventsMemory);
        String[] labels = { "batched (batchSize=100, lingerMs=5)", "one request per event (batchSize=1)",
                            "raw HttpClient 5 loop, the same batches" };
        int[][] shapes = { { 100, 5 }, { 1, 0 } };
        Map<String, Map<String, String>[]> rounds = new HashMap<>();
        for (String label : labels) {
            @SuppressWarnings("unchecked")
            Map<String, String>[] perRound = new Map[settings.rounds];
            rounds.put(label, perRound);
        }
        for (int round = 0; round < settings.rounds; round++) {
            // the order alternates, so that neither always runs first on a warming machine
            for (int i = 0; i < shapes.length; i++) {
                int which = (i + round) % shapes.length;
                long batchesBefore = stub.eventBatches();
                Map<String, String> result = child(small, settings.eventsThroughput, shapes[which][0], shapes[which][1]);
                result.put("batches", Long.toString(stub.eventBatches() - batchesBefore));
                rounds.get(labels[which])[round] = result;
            }
            // the raw loop posts batches of the size the component's batches had in this round, as many senders as
            // the component has batches in flight
            Map<String, String> batched = rounds.get(labels[0])[round];
            int size = batched.containsKey("accepted") && Long.parseLong(batched.get("batches")) > 0
                    ? (int) Math.max(1, Math.round(Double.parseDouble(batched.get("accepted"))
                                                   / Long.parseLong(batched.get("batches"))))
                    : 100;
            long batchesBefore = stub.eventBatches();
            Map<String, String> raw = ChildJvm.run(settings, "events raw batchSize=" + size, RawEventsRun.class,
                    small.toString(), stub.eventsUrl(), Integer.toString(settings.eventsThroughput),
                    Integer.toString(RAW_SENDERS), Integer.toString(size));
            raw.put("batches", Long.toString(stub.eventBatches() - batchesBefore));
            raw.put("batchSize", Integer.toString(size));
            rounds.get(labels[2])[round] = raw;
        }
        long batchesBefore = stub.eventBatches();
        Map<String, String> memory = child(large, settings.eventsMemory, 100, 5);
        memory.put("batches", Long.toString(stub.eventBatches() - batchesBefore));

        report.heading("5. Events: hightouch:track with batching against one request per event");
        report.line(Report.f("A JSON-lines file of %d track events (about 150 bytes each), split in streaming mode with "
                             + "parallelProcessing on %d threads (bounded queue, caller runs when full) into "
                             + "hightouch:track, against the stub's POST /v1/batch; one fresh JVM per run, -Xmx%s -Xmn%s; "
                             + "%d rounds, the order of the two shapes alternating. Then, in each round, a raw HttpClient "
                             + "5 loop (%d threads) posts the same file as pre-built batch bodies, as many events a batch "
                             + "as the component's batches had on average in that round, with the same Basic header; "
                             + "its bodies are built before its clock starts.", settings.eventsThroughput,
                settings.eventThreads, settings.memoryHeap, settings.memoryYoung, settings.rounds, RAW_SENDERS));
        report.line("");
        report.row("round", "shape", "events/s", "accepted", "failed", "batches", "seconds", "peak heap used MB", "failure");
        report.row("---:", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---");
        double[] ratios = new double[settings.rounds];
        double[] rawRatios = new double[settings.rounds];
        for (int round = 0; round < settings.rounds; round++) {
            double[] rates = new double[labels.length];
            for (int i = 0; i < labels.length; i++) {
                Map<String, String> r = rounds.get(labels[i])[round];
                if (!r.containsKey("seconds")) {
                    report.row(round + 1, labels[i], "no result", "", "", "", "", "", "");
                    continue;
                }
                rates[i] = Long.parseLong(r.get("accepted")) / Double.parseDouble(r.get("seconds"));
                String label = r.containsKey("batchSize") ? labels[i] + " (" + r.get("batchSize") + " events a batch)"
                        : labels[i];
                report.row(round + 1, label, Report.f("%.0f", rates[i]), r.get("accepted"), r.get("failed"),
                        r.get("batches"), r.get("seconds"), mb(r.get("peakUsed")), r.get("failure"));
            }
            ratios[round] = rates[1] > 0 ? rates[0] / rates[1] : Double.NaN;
            rawRatios[round] = rates[2] > 0 ? rates[0] / rates[2] : Double.NaN;
        }
        report.line("");
        java.util.Arrays.sort(ratios);
        report.line(Report.f("Batched / one request per event, events per second: median %.2f (rounds: %s).",
                ratios[ratios.length / 2], java.util.Arrays.toString(ratios)));
        java.util.Arrays.sort(rawRatios);
        report.line(Report.f("Batched / raw HttpClient 5 loop posting the same batches, events per second: median %.2f "
                             + "(rounds: %s).", rawRatios[rawRatios.length / 2], java.util.Arrays.toString(rawRatios)));
        report.line("");
        report.line(Report.f("Memory at %d events (batched): %s s, %s accepted, %s failed, %s batches; live heap after "
                             + "start %s MB, live heap during the run %s MB (after full GCs at 25/50/75%%), peak heap "
                             + "used %s MB, RSS peak %s MB; failure: %s.",
                settings.eventsMemory, memory.get("seconds"), memory.get("accepted"), memory.get("failed"),
                memory.get("batches"), mb(memory.get("baseline")), mb(memory.get("peakLive")),
                mb(memory.get("peakUsed")), memory.containsKey("vmHWM")
                        ? Report.f("%.1f", Long.parseLong(memory.get("vmHWM")) / 1024.0) : "n/a",
                memory.get("failure")));
    }

    private Map<String, String> child(Path file, int events, int batchSize, long lingerMs) throws Exception {
        return ChildJvm.run(settings, "events " + events + " batchSize=" + batchSize, EventsRun.class,
                file.toString(), stub.eventsUrl(), Integer.toString(events), Integer.toString(settings.eventThreads),
                Integer.toString(batchSize), Long.toString(lingerMs));
    }

    private static String mb(String bytes) {
        if (bytes == null) {
            return "n/a";
        }
        long value = Long.parseLong(bytes);
        return value < 0 ? "n/a" : Report.f("%.1f", value / MB);
    }
}
