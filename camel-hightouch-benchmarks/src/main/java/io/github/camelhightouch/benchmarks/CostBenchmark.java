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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.internal.body.JsonBodies;
import io.github.camelhightouch.internal.call.ApiClient;
import io.github.camelhightouch.internal.call.ResponseMapper;
import io.github.camelhightouch.internal.http.HightouchOrigin;
import io.github.camelhightouch.internal.http.HightouchRequest;
import io.github.camelhightouch.internal.operation.RequestFactory;

/**
 * Section 4: CPU time and allocation per request of the serialize, send, parse path, one sender, measured with
 * ThreadMXBean; and the serialize and parse steps alone, in process, against plain Jackson.
 */
final class CostBenchmark {

    private static final byte[] ANSWER = ("{\"id\":426,\"name\":\"postgres-connection2\",\"slug\":\"postgres-connection2\","
                                          + "\"workspaceId\":1,\"createdAt\":\"2022-12-12T22:46:57.618Z\","
                                          + "\"updatedAt\":\"2022-12-12T22:46:57.618Z\",\"type\":\"postgres\","
                                          + "\"configuration\":{\"host\":\"example.example.us-east-1.rds.amazonaws.com\","
                                          + "\"port\":\"5432\",\"user\":\"dbUserName\",\"database\":\"dbName\"}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final Settings settings;
    private final StubServer stub;
    private final Report report;

    CostBenchmark(Settings settings, StubServer stub, Report report) {
        this.settings = settings;
        this.stub = stub;
        this.report = report;
    }

    void run() throws Exception {
        requestPath();
        serde();
    }

    private void requestPath() throws Exception {
        try (CamelContestants camel = new CamelContestants(stub.baseUrl(), Settings.API_KEY);
             RawHttpClient raw = new RawHttpClient(stub.baseUrl(), Settings.API_KEY, CamelContestants.MAX_CONNECTIONS)) {
            List<Contestant> contestants = settings.pick(camel.component(), camel.camelHttp(), raw.jsonLoop(),
                    camel.camelHttpMethodHeader(), () -> camel.rawInRoute(raw.jsonLoop()));
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < settings.costRequests; i++) {
                records.add(Records.source(i));
            }
            for (Contestant contestant : contestants) {
                for (int i = 0; i < settings.costWarmup; i++) {
                    send(contestant, records.get(i % records.size()));
                }
            }
            Map<String, List<ThreadCosts.Delta>> measured = new LinkedHashMap<>();
            for (int round = 0; round < settings.rounds; round++) {
                List<Contestant> order = new ArrayList<>(contestants);
                Collections.rotate(order, round);
                for (Contestant contestant : order) {
                    Set<Long> stubThreads = StubServer.stubThreadIds();
                    ThreadCosts before = ThreadCosts.now();
                    for (Map<String, Object> record : records) {
                        send(contestant, record);
                    }
                    ThreadCosts after = ThreadCosts.now();
                    ThreadCosts.Delta delta = ThreadCosts.between(before, after, stubThreads);
                    measured.computeIfAbsent(contestant.name(), k -> new ArrayList<>()).add(delta);
                    Report.progress(Report.f("cost %-40s caller CPU %.1f us/req, caller alloc %.0f B/req; process CPU "
                                             + "%d ms, busiest: %s; OS threads: %s",
                            contestant.name(), delta.callerCpu() / 1e3 / records.size(),
                            (double) delta.callerAllocated() / records.size(), delta.processCpu() / 1_000_000,
                            delta.busiestThreads(2), ThreadCosts.busiestOsThreads(before, after, 6)));
                }
            }
            int n = records.size();
            report.heading("4. CPU and allocation per request (one sender, serialize + send + parse)");
            report.line(Report.f("%d requests per round, %d rounds, one sender thread; medians over the rounds. Caller = "
                                 + "the sending thread (all three do their HTTP I/O on it); client = the whole process "
                                 + "minus the stub's threads and the JIT compiler threads (GC included).", n,
                    settings.rounds));
            report.line("");
            report.row("contestant", "wall us/req", "caller CPU us/req", "client CPU us/req", "stub CPU us/req",
                    "JIT CPU us/req", "caller alloc B/req", "client alloc B/req");
            report.row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---:");
            for (Map.Entry<String, List<ThreadCosts.Delta>> entry : measured.entrySet()) {
                List<ThreadCosts.Delta> deltas = entry.getValue();
                report.row(entry.getKey(),
                        median(deltas, d -> d.wallNanos() / 1e3 / n),
                        median(deltas, d -> d.callerCpu() / 1e3 / n),
                        median(deltas, d -> d.clientCpu() / 1e3 / n),
                        median(deltas, d -> d.stubCpu() / 1e3 / n),
                        median(deltas, d -> d.jitCpu() / 1e3 / n),
                        Report.f("%.0f", medianValue(deltas, d -> (double) d.callerAllocated() / n)),
                        Report.f("%.0f", medianValue(deltas, d -> (double) d.clientAllocated() / n)));
            }
        }
    }

    /** The component's serialize and parse steps alone, against plain Jackson with the same mapper. */
    private void serde() throws Exception {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        String url = stub.baseUrl() + "/sources";
        ResponseMapper answers = new ResponseMapper(mapper);
        ApiClient api = new ApiClient(HightouchOrigin.of(stub.baseUrl()), () -> null, answers);
        RequestFactory validating = new RequestFactory(HightouchOperation.createSource, HightouchHttpMethod.POST, url,
                true, new JsonBodies(mapper, 1024 * 1024), java.util.List.of(), api);
        RequestFactory unvalidated = new RequestFactory(HightouchOperation.createSource, HightouchHttpMethod.POST, url,
                false, new JsonBodies(mapper, 1024 * 1024), java.util.List.of(), api);
        ResponseMapper responses = new ResponseMapper(mapper);
        Map<String, Object> record = Records.source(42);
        String line = mapper.writeValueAsString(record);

        Map<String, Step> steps = new LinkedHashMap<>();
        steps.put("serialize Map: Jackson writeValueAsBytes", () -> mapper.writeValueAsBytes(record).length);
        steps.put("serialize Map: component RequestFactory.single, validate=true", () -> body(validating.single(record)));
        steps.put("serialize Map: component RequestFactory.single, validate=false",
                () -> body(unvalidated.single(record)));
        steps.put("serialize JSON line (String): Jackson readTree + writeValueAsBytes",
                () -> mapper.writeValueAsBytes(mapper.readTree(line)).length);
        steps.put("serialize JSON line (String): component, validate=true", () -> body(validating.single(line)));
        steps.put("parse answer: Jackson readValue(Map.class)", () -> mapper.readValue(ANSWER, Map.class).size());
        steps.put("parse answer: component ResponseMapper.parse + resourceId",
                () -> ResponseMapper.resourceId(responses.parse(ANSWER)).hashCode());

        int ops = settings.serdeOps;
        Map<String, List<ThreadCosts.Delta>> measured = new LinkedHashMap<>();
        for (Map.Entry<String, Step> step : steps.entrySet()) {
            loop(step.getValue(), ops);
        }
        for (int round = 0; round < settings.rounds; round++) {
            for (Map.Entry<String, Step> step : steps.entrySet()) {
                ThreadCosts before = ThreadCosts.now();
                loop(step.getValue(), ops);
                measured.computeIfAbsent(step.getKey(), k -> new ArrayList<>())
                        .add(ThreadCosts.between(before, ThreadCosts.now(), Set.of()));
            }
        }
        report.line("");
        report.line(Report.f("The serialize and parse steps alone, in process (%d ops per round, %d rounds, medians; the "
                             + "same ObjectMapper for all):", ops, settings.rounds));
        report.line("");
        report.row("step", "CPU ns/op", "alloc B/op");
        report.row("---", "---:", "---:");
        for (Map.Entry<String, List<ThreadCosts.Delta>> entry : measured.entrySet()) {
            report.row(entry.getKey(),
                    Report.f("%.0f", medianValue(entry.getValue(), d -> (double) d.callerCpu() / ops)),
                    Report.f("%.0f", medianValue(entry.getValue(), d -> (double) d.callerAllocated() / ops)));
        }
    }

    private static int body(HightouchRequest call) {
        return call.body().length;
    }

    private static long sink;

    private static void loop(Step step, int ops) throws Exception {
        long total = 0;
        for (int i = 0; i < ops; i++) {
            total += step.run();
        }
        sink += total;
    }

    private static void send(Contestant contestant, Map<String, Object> record) throws Exception {
        Map<?, ?> created = contestant.send(record);
        if (created == null || created.get("id") == null) {
            throw new IllegalStateException(contestant.name() + ": no id in " + created);
        }
    }

    private static String median(List<ThreadCosts.Delta> deltas, ToDoubleFunction<ThreadCosts.Delta> value) {
        return Report.f("%.1f", medianValue(deltas, value));
    }

    private static double medianValue(List<ThreadCosts.Delta> deltas, ToDoubleFunction<ThreadCosts.Delta> value) {
        return Stats.median(deltas.stream().map(d -> value.applyAsDouble(d)).toList());
    }

    /** One step of the in-process measurement; returns something that depends on its work. */
    @FunctionalInterface
    private interface Step {
        int run() throws Exception;
    }
}
