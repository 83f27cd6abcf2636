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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Section 2: JSON-lines files of growing size, each split through createSource in a fresh JVM with the same heap
 * limit; the heap and RSS figures of each run side by side.
 */
final class MemoryBenchmark {

    private static final double MB = 1024.0 * 1024.0;

    private final Settings settings;
    private final StubServer stub;
    private final Report report;

    MemoryBenchmark(Settings settings, StubServer stub, Report report) {
        this.settings = settings;
        this.stub = stub;
        this.report = report;
    }

    void run() throws Exception {
        Path dir = Path.of("bench-data").toAbsolutePath();
        Map<Integer, Map<String, String>> results = new LinkedHashMap<>();
        for (int size : settings.memorySizes) {
            long start = System.nanoTime();
            Path file = Records.jsonLines(dir, size);
            Report.progress(Report.f("memory: %s ready (%d records, %.1f s)", file, size, (System.nanoTime() - start) / 1e9));
            results.put(size, child(file, size));
        }

        report.heading("2. Memory: a JSON-lines file split in streaming mode through createSource");
        report.line(Report.f("One fresh JVM per size, each -Xmx%s -Xmn%s (%s; the fixed young generation keeps the "
                             + "GC's adaptive sizing out of the peak), splitter streaming + parallelProcessing on %d "
                             + "threads with a bounded queue. Live heap = heap in use after a full GC forced at 25, 50 "
                             + "and 75%% of the records (highest of the three); peak used = highest heap in use seen "
                             + "(sampled every 10 ms and before each GC); RSS peak = VmHWM at the end.",
                settings.memoryHeap, settings.memoryYoung, gcNames(results), settings.memoryThreads));
        report.line("");
        report.row("records", "seconds", "records/s", "created", "live heap after start MB", "live heap during run MB",
                "peak heap used MB", "max heap after any GC MB", "GCs", "RSS peak (VmHWM) MB", "failure");
        report.row("---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---");
        for (Map.Entry<Integer, Map<String, String>> entry : results.entrySet()) {
            Map<String, String> r = entry.getValue();
            if (r.isEmpty()) {
                report.row(entry.getKey(), "no result", "", "", "", "", "", "", "", "", "");
                continue;
            }
            double seconds = Double.parseDouble(r.get("seconds"));
            report.row(entry.getKey(), r.get("seconds"), Report.f("%.0f", Long.parseLong(r.get("created")) / seconds),
                    r.get("created"), mb(r.get("baseline")), mb(r.get("peakLive")), mb(r.get("peakUsed")),
                    mb(r.get("peakAfterGc")), r.get("collections"),
                    Report.f("%.1f", Long.parseLong(r.get("vmHWM")) / 1024.0), r.get("failure"));
        }
        List<Integer> sizes = new ArrayList<>(results.keySet());
        Map<String, String> first = results.get(sizes.get(0));
        Map<String, String> last = results.get(sizes.get(sizes.size() - 1));
        if (!first.isEmpty() && !last.isEmpty() && sizes.size() > 1) {
            report.line("");
            report.line(Report.f("Largest / smallest: live heap during run %.3f, peak heap used %.3f, RSS peak %.3f.",
                    ratio(last, first, "peakLive"), ratio(last, first, "peakUsed"), ratio(last, first, "vmHWM")));
        }
    }

    private Map<String, String> child(Path file, int size) throws Exception {
        return ChildJvm.run(settings, "memory " + size, MemoryRun.class, file.toString(), stub.baseUrl(),
                Integer.toString(size), Integer.toString(settings.memoryThreads));
    }

    private static String gcNames(Map<Integer, Map<String, String>> results) {
        return results.values().stream().map(r -> r.get("gc")).filter(java.util.Objects::nonNull).findFirst()
                .orElse("unknown").replace('_', ' ').replace("+", " + ");
    }

    private static String mb(String bytes) {
        long value = Long.parseLong(bytes);
        return value < 0 ? "n/a" : Report.f("%.1f", value / MB);
    }

    private static double ratio(Map<String, String> a, Map<String, String> b, String key) {
        return Double.parseDouble(a.get(key)) / Double.parseDouble(b.get(key));
    }
}
