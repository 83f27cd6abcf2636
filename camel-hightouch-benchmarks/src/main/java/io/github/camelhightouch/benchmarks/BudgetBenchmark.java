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

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelhightouch.HightouchComponent;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Section "budget": how well waits and creates spend Hightouch's 200 requests per 10 s (the component's default rate
 * limit, on a fresh CamelContext each, so every stage starts from a full bucket). A stub whose runs finish a fixed
 * time after their trigger, whoever polls them.
 */
final class BudgetBenchmark {

    private static final String SYNC_ID_HEADER = "CamelHightouchSyncId";
    private static final double BUDGET_PER_SECOND = 200 / 10.0;

    private final Settings settings;
    private final Report report;

    BudgetBenchmark(Settings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    void run() throws Exception {
        long pollInterval = settings.budgetPollInterval;
        long runMillis = settings.budgetRunMillis;
        report.heading("6. Budget: waits and creates under the default 200 requests per 10 s");
        try (StubServer stub = StubServer.start(settings.stubThreads, Settings.API_KEY, 3)) {
            stub.timedRuns(runMillis);
            // the old design: a poll at once, then one per interval until the run is done, per wait
            long oldPollsPerWait = runMillis / pollInterval + 2;
            report.line(Report.f("triggerSync?waitForCompletion=true&pollInterval=%d against a stub whose runs succeed "
                                 + "%d ms after their trigger; rateLimit 200 / 10 s, a fresh CamelContext per row. Old "
                                 + "floor = (1 trigger + %d polls) per wait / 20 per s: what one poll per wait needs. "
                                 + "Own floor = the requests this design spent / 20 per s + one wait alone.",
                    pollInterval, runMillis, oldPollsPerWait));
            report.line("");
            Stage alone = waits(stub, 1, 1, pollInterval);
            report.row("waits", "syncs", "failed", "wall s", "triggers", "lists", "own polls", "requests / wait",
                    "old floor s", "wall / old floor", "own floor s", "wall / own floor", "target");
            report.row("---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---");
            row(alone, 1, 1, oldPollsPerWait, alone.wallSeconds);
            int[][] shapes = { { 200, 1 }, { 1000, 1 }, { 200, 50 }, { 1000, 50 } };
            for (int[] shape : shapes) {
                Stage stage = waits(stub, shape[0], shape[1], pollInterval);
                row(stage, shape[0], shape[1], oldPollsPerWait, alone.wallSeconds);
            }
            report.line("");
            mixed(stub);
        }
    }

    private void row(Stage stage, int waits, int syncs, long oldPollsPerWait, double aloneSeconds) {
        double oldFloor = Math.max(waits * (1 + oldPollsPerWait) / BUDGET_PER_SECOND, aloneSeconds);
        double ownFloor = stage.requests() / BUDGET_PER_SECOND + aloneSeconds;
        String target = waits == 200 && syncs == 1
                ? (stage.wallSeconds <= 1.2 * ownFloor ? "<= 1.2x own floor: met" : "<= 1.2x own floor: MISSED") : "";
        report.row(waits, syncs, stage.failed, Report.f("%.1f", stage.wallSeconds), stage.triggers, stage.lists,
                stage.ownPolls, Report.f("%.2f", (double) stage.requests() / waits), Report.f("%.1f", oldFloor),
                Report.f("%.2f", stage.wallSeconds / oldFloor), Report.f("%.1f", ownFloor),
                Report.f("%.2f", stage.wallSeconds / ownFloor), target);
        if (stage.error != null) {
            report.line("first failure: " + stage.error);
        }
    }

    private static CamelContext context(StubServer stub) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        HightouchComponent hightouch = new HightouchComponent();
        hightouch.getConfiguration().setApiKey(Settings.API_KEY);
        hightouch.getConfiguration().setBaseUrl(stub.baseUrl());
        camel.addComponent("hightouch", hightouch);
        camel.start();
        return camel;
    }

    private Stage waits(StubServer stub, int waits, int syncs, long pollInterval) throws Exception {
        try (CamelContext camel = context(stub)) {
            Endpoint endpoint = camel.getEndpoint("hightouch:triggerSync?syncId=1&waitForCompletion=true&pollInterval="
                                                  + pollInterval + "&timeout=600000");
            AsyncProducer producer = endpoint.createAsyncProducer();
            ServiceHelper.startService(producer);
            long[] before = stub.counts();
            long start = System.nanoTime();
            Outcome outcome = send(endpoint, producer, waits, i -> Integer.toString(i % syncs + 1), 600_000);
            double wall = (System.nanoTime() - start) / 1e9;
            long[] after = stub.counts();
            ServiceHelper.stopService(producer);
            Report.progress(Report.f("budget: %d waits on %d syncs in %.1f s", waits, syncs, wall));
            return new Stage(wall, outcome.failed, outcome.error, after[0] - before[0], after[1] - before[1],
                    after[2] - before[2]);
        }
    }

    /** 500 creates while 1,000 waits poll, against the same creates alone; both from a bucket already in use. */
    private void mixed(StubServer stub) throws Exception {
        int creates = settings.budgetCreates;
        int waits = settings.budgetMixedWaits;
        double aloneSeconds;
        try (CamelContext camel = context(stub)) {
            Endpoint create = camel.getEndpoint("hightouch:createSource");
            AsyncProducer producer = create.createAsyncProducer();
            ServiceHelper.startService(producer);
            // empty the bucket first, as the waits' triggers do in the mixed run
            send(create, producer, 200, i -> null, 120_000);
            long start = System.nanoTime();
            Outcome alone = send(create, producer, creates, i -> null, 300_000);
            aloneSeconds = (System.nanoTime() - start) / 1e9;
            ServiceHelper.stopService(producer);
            Report.progress(Report.f("budget: %d creates alone in %.1f s (%d failed)", creates, aloneSeconds, alone.failed));
        }
        stub.timedRuns(TimeUnit.HOURS.toMillis(1));
        double mixedSeconds;
        long[] during;
        Outcome mixed;
        try (CamelContext camel = context(stub)) {
            Endpoint wait = camel.getEndpoint("hightouch:triggerSync?syncId=1&waitForCompletion=true&timeout=600000");
            AsyncProducer waiting = wait.createAsyncProducer();
            ServiceHelper.startService(waiting);
            long triggersBefore = stub.counts()[0];
            for (int i = 0; i < waits; i++) {
                Exchange exchange = wait.createExchange();
                exchange.getMessage().setHeader(SYNC_ID_HEADER, Integer.toString(i % 50 + 1));
                waiting.process(exchange, doneSync -> {
                });
            }
            while (stub.counts()[0] - triggersBefore < waits) {
                Thread.sleep(100);
            }
            Endpoint create = camel.getEndpoint("hightouch:createSource");
            AsyncProducer producer = create.createAsyncProducer();
            ServiceHelper.startService(producer);
            long[] before = stub.counts();
            long start = System.nanoTime();
            mixed = send(create, producer, creates, i -> null, 300_000);
            mixedSeconds = (System.nanoTime() - start) / 1e9;
            long[] after = stub.counts();
            during = new long[] { after[1] - before[1], after[2] - before[2] };
            ServiceHelper.stopService(producer);
            Report.progress(Report.f("budget: %d creates while %d waits poll in %.1f s", creates, waits, mixedSeconds));
        }
        report.line(Report.f("Mixed load: %d triggerSync waits on 50 syncs (default pollInterval 5000, runs that do not "
                             + "finish) are all triggered, then a route sends %d createSource at once; both runs of the "
                             + "creates start from a spent bucket (200 requests just sent).", waits, creates));
        report.line("");
        report.row("creates", "alone s", "while waits poll s", "ratio", "polls during the creates (lists + own)",
                "failed", "target");
        report.row("---:", "---:", "---:", "---:", "---:", "---:", "---");
        double ratio = mixedSeconds / aloneSeconds;
        report.row(creates, Report.f("%.1f", aloneSeconds), Report.f("%.1f", mixedSeconds), Report.f("%.2f", ratio),
                during[0] + " + " + during[1], mixed.failed, ratio <= 1.1 ? "<= 1.1x: met" : "<= 1.1x: MISSED");
        if (mixed.error != null) {
            report.line("first failure: " + mixed.error);
        }
    }

    private static Outcome send(Endpoint endpoint, AsyncProducer producer, int count,
                                java.util.function.IntFunction<String> syncId, long limitMillis)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> error = new AtomicReference<>();
        for (int i = 0; i < count; i++) {
            Exchange exchange = endpoint.createExchange();
            String sync = syncId.apply(i);
            if (sync != null) {
                exchange.getMessage().setHeader(SYNC_ID_HEADER, sync);
            } else {
                exchange.getMessage().setBody("{\"name\":\"pg\",\"slug\":\"pg-" + i + "\",\"type\":\"postgres\","
                                              + "\"configuration\":{\"host\":\"db\"}}");
            }
            producer.process(exchange, doneSync -> {
                if (exchange.getException() != null) {
                    failed.incrementAndGet();
                    error.compareAndSet(null, exchange.getException().toString());
                }
                done.countDown();
            });
        }
        if (!done.await(limitMillis, TimeUnit.MILLISECONDS)) {
            error.compareAndSet(null, done.getCount() + " still open after " + limitMillis + " ms");
            failed.addAndGet((int) done.getCount());
        }
        return new Outcome(failed.get(), error.get());
    }

    private record Outcome(int failed, String error) {
    }

    private record Stage(double wallSeconds, int failed, String error, long triggers, long lists, long ownPolls) {
        long requests() {
            return triggers + lists + ownPolls;
        }
    }
}
