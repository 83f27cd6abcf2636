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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Section 1: throughput and latency of the three contestants at each concurrency level, interleaved round by round
 * (the order rotates each round) so that noise on the shared machine hits all of them alike.
 */
final class ThroughputBenchmark {

    private final Settings settings;
    private final StubServer stub;
    private final Report report;

    ThroughputBenchmark(Settings settings, StubServer stub, Report report) {
        this.settings = settings;
        this.stub = stub;
        this.report = report;
    }

    void run() throws Exception {
        try (CamelContestants camel = new CamelContestants(stub.baseUrl(), Settings.API_KEY);
             RawHttpClient raw = new RawHttpClient(stub.baseUrl(), Settings.API_KEY, CamelContestants.MAX_CONNECTIONS)) {
            Contestant component = camel.component();
            Contestant camelHttp = camel.camelHttp();
            Contestant rawLoop = raw.jsonLoop();
            Contestant ceiling = raw.ceiling();
            List<Contestant> contestants = List.of(component, camelHttp, rawLoop);

            int top = settings.levels[settings.levels.length - 1];
            for (int senders : new int[] { 8, top }) {
                for (Contestant contestant : List.of(component, camelHttp, rawLoop, ceiling)) {
                    LoadDriver.Run warm = LoadDriver.run(contestant, senders, settings.warmupMillis);
                    Report.progress(Report.f("warm-up %s, %d senders: %.0f req/s, %d errors", contestant.name(), senders,
                            warm.throughput(), warm.errors()));
                }
            }

            Map<String, List<LoadDriver.Run>> runs = new LinkedHashMap<>();
            for (int senders : settings.levels) {
                for (int round = 0; round < settings.rounds; round++) {
                    List<Contestant> order = new ArrayList<>(contestants);
                    java.util.Collections.rotate(order, round);
                    if (senders == top) {
                        order.add(round % order.size(), ceiling);
                    }
                    for (Contestant contestant : order) {
                        record(runs, contestant, senders);
                    }
                }
            }
            if (settings.levels.length > 0) {
                for (int round = 0; round < settings.rounds; round++) {
                    record(runs, ceiling, top * 2);
                }
            }
            print(runs, contestants, ceiling, top);
        }
    }

    private void record(Map<String, List<LoadDriver.Run>> runs, Contestant contestant, int senders)
            throws InterruptedException {
        LoadDriver.Run run = LoadDriver.run(contestant, senders, settings.durationMillis);
        runs.computeIfAbsent(key(contestant, senders), k -> new ArrayList<>()).add(run);
        Report.progress(Report.f("%-40s %2d senders: %7.0f req/s  p50 %.2f ms  p99 %.2f ms  errors %d%s",
                contestant.name(), senders, run.throughput(), run.percentileMillis(50), run.percentileMillis(99),
                run.errors(), run.firstError() == null ? "" : " (" + run.firstError() + ")"));
    }

    private void print(Map<String, List<LoadDriver.Run>> runs, List<Contestant> contestants, Contestant ceiling,
                       int top) {
        report.heading("1. Throughput and latency (createSource, rate limit off)");
        report.line(Report.f("%d rounds of %d ms per contestant and level, order rotated each round; req/s is the median "
                             + "round (min-max in brackets); latencies over all rounds.", settings.rounds,
                settings.durationMillis));
        report.line("");
        report.row("senders", "contestant", "req/s (median)", "min-max", "p50 ms", "p99 ms", "errors");
        report.row("---:", "---", "---:", "---:", "---:", "---:", "---:");
        for (int senders : settings.levels) {
            for (Contestant contestant : contestants) {
                printRow(runs.get(key(contestant, senders)), senders, contestant);
            }
        }
        for (int senders : new int[] { top, top * 2 }) {
            printRow(runs.get(key(ceiling, senders)), senders, ceiling);
        }

        report.line("");
        report.line("Ratios: the median of the per-round ratios (contestants of one round ran back to back).");
        report.line("");
        report.row("senders", "component / camel-http route", "component / raw client", "camel-http route / raw client",
                "raw client / stub ceiling");
        report.row("---:", "---:", "---:", "---:", "---:");
        Contestant component = contestants.get(0);
        Contestant camelHttp = contestants.get(1);
        Contestant raw = contestants.get(2);
        for (int senders : settings.levels) {
            report.row(senders,
                    ratio(runs, component, camelHttp, senders),
                    ratio(runs, component, raw, senders),
                    ratio(runs, camelHttp, raw, senders),
                    senders == top ? ratio(runs, raw, ceiling, senders) : "");
        }
    }

    private void printRow(List<LoadDriver.Run> rounds, int senders, Contestant contestant) {
        if (rounds == null) {
            return;
        }
        List<Double> throughputs = rounds.stream().map(LoadDriver.Run::throughput).toList();
        long[] latencies = Stats.merge(rounds.stream().map(LoadDriver.Run::sortedLatencies).toList());
        long errors = rounds.stream().mapToLong(LoadDriver.Run::errors).sum();
        report.row(senders, contestant.name(), Report.f("%.0f", Stats.median(throughputs)),
                Report.f("%.0f-%.0f", Stats.min(throughputs), Stats.max(throughputs)),
                Report.f("%.2f", Stats.percentile(latencies, 50) / 1e6),
                Report.f("%.2f", Stats.percentile(latencies, 99) / 1e6), errors);
    }

    private static String ratio(Map<String, List<LoadDriver.Run>> runs, Contestant a, Contestant b, int senders) {
        List<LoadDriver.Run> as = runs.get(key(a, senders));
        List<LoadDriver.Run> bs = runs.get(key(b, senders));
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(as.size(), bs.size()); i++) {
            ratios.add(as.get(i).throughput() / bs.get(i).throughput());
        }
        return Report.f("%.3f (%.3f-%.3f)", Stats.median(ratios), Stats.min(ratios), Stats.max(ratios));
    }

    private static String key(Contestant contestant, int senders) {
        return contestant.name() + "@" + senders;
    }
}
