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

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Runs the benchmark sections against one local stub and prints a Markdown report (also written to
 * benchmark-report.md in the working directory).
 *
 * Arguments: "full" (default) or "quick", then optional name=value settings, e.g. sections=throughput,cost.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Report report = new Report();
        long start = System.nanoTime();
        report.line("# camel-hightouch benchmark report");
        report.line("");
        report.line("- started: " + Instant.now() + ", settings: " + settings);
        report.line("- machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (" + cpuModel() + "), "
                    + memTotal() + " memory, load average at start: " + loadAverage());
        report.line("- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                    + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, GC "
                    + ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                            .collect(Collectors.joining(" + ")));

        try (StubServer stub = StubServer.start(settings.stubThreads, Settings.API_KEY, settings.pollsToFinish)) {
            report.line("- stub: Netty HTTP server on " + stub.baseUrl() + ", " + settings.stubThreads + " event-loop threads");
            if (settings.sections.contains("throughput")) {
                new ThroughputBenchmark(settings, stub, report).run();
            }
            if (settings.sections.contains("cost")) {
                new CostBenchmark(settings, stub, report).run();
            }
            if (settings.sections.contains("memory")) {
                new MemoryBenchmark(settings, stub, report).run();
            }
            if (settings.sections.contains("waits")) {
                new WaitBenchmark(settings, report).run();
            }
            if (settings.sections.contains("budget")) {
                new BudgetBenchmark(settings, report).run();
            }
            if (settings.sections.contains("events")) {
                new EventsBenchmark(settings, stub, report).run();
            }
            report.line("");
            report.line(Report.f("- stub: %d requests answered, %d refused for a wrong Authorization header",
                    stub.requests(), stub.refused()));
        }
        report.line(Report.f("- finished in %.0f s, load average at the end: %s", (System.nanoTime() - start) / 1e9,
                loadAverage()));
        Path file = Path.of("benchmark-report.md").toAbsolutePath();
        report.writeTo(file);
        Report.progress("report written to " + file);
        System.exit(0);
    }

    private static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name");
    }

    private static String memTotal() {
        String kb = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        try {
            return Report.f("%.1f GB", Long.parseLong(kb.replace("kB", "").trim()) / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return kb;
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception e) {
            return "unknown";
        }
        return "unknown";
    }
}
