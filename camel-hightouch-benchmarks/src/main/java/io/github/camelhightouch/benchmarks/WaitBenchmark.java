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

import java.lang.management.ThreadInfo;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchOperation;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Section 3: a thousand triggerSync waits at once against a stub whose runs finish after a few polls: the threads
 * they take and the CPU they burn against the wall time. Runs only on a component that has the triggerSync
 * operation; otherwise the section reports itself pending.
 */
final class WaitBenchmark {

    static final String OPERATION = "triggerSync";
    private static final String SYNC_ID_HEADER = "CamelHightouchSyncId";

    private final Settings settings;
    private final Report report;

    WaitBenchmark(Settings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    /** Whether this build of the component has the operation (an enum lookup, no reflection). */
    static boolean available() {
        for (HightouchOperation operation : HightouchOperation.values()) {
            if (operation.name().equals(OPERATION)) {
                return true;
            }
        }
        return false;
    }

    void run() throws Exception {
        report.heading("3. Waits: concurrent triggerSync with waitForCompletion");
        if (!available()) {
            report.line("PENDING: this build of the component has no hightouch:" + OPERATION + " operation (issue 3). "
                        + "The section runs by itself once it has: " + settings.waits + " waits, runs finishing at poll "
                        + settings.pollsToFinish + ", pollInterval=" + settings.pollInterval + " ms.");
            return;
        }
        // every thread that is not the stub's and not there now is Camel's or the component's
        Set<Long> existing = ConcurrentHashMap.newKeySet();
        Thread.getAllStackTraces().keySet().forEach(thread -> existing.add(thread.getId()));
        try (StubServer stub = StubServer.start(settings.stubThreads, Settings.API_KEY, settings.pollsToFinish);
             CamelContext camel = new DefaultCamelContext()) {
            HightouchComponent hightouch = new HightouchComponent();
            hightouch.getConfiguration().setApiKey(Settings.API_KEY);
            hightouch.getConfiguration().setBaseUrl(stub.baseUrl());
            hightouch.getConfiguration().setRateLimit(0);
            camel.addComponent("hightouch", hightouch);
            camel.start();
            String uri = "hightouch:" + OPERATION + "?syncId=1&waitForCompletion=true&pollInterval=";
            Endpoint warmEndpoint = camel.getEndpoint(uri + 50);
            AsyncProducer warmProducer = warmEndpoint.createAsyncProducer();
            ServiceHelper.startService(warmProducer);
            for (int i = 0; i < 3; i++) {
                Outcome warm = waits(warmEndpoint, warmProducer, settings.waits / 5);
                Report.progress("waits warm-up: " + warm.failed + " failed" + (warm.error == null ? "" : " (" + warm.error + ")"));
            }
            ServiceHelper.stopService(warmProducer);
            Endpoint endpoint = camel.getEndpoint(uri + settings.pollInterval);
            AsyncProducer producer = endpoint.createAsyncProducer();
            ServiceHelper.startService(producer);

            Map<String, Integer> names = new ConcurrentHashMap<>();
            AtomicInteger peakLive = new AtomicInteger();
            AtomicInteger peakRunnable = new AtomicInteger();
            CountDownLatch stop = new CountDownLatch(1);
            Thread sampler = new Thread(() -> sample(existing, names, peakLive, peakRunnable, stop), "wait-sampler");
            sampler.setDaemon(true);
            existing.add(sampler.getId());
            existing.add(Thread.currentThread().getId());
            sampler.start();

            long requestsBefore = stub.requests();
            Set<Long> stubThreads = new java.util.HashSet<>(StubServer.stubThreadIds());
            ThreadCosts before = ThreadCosts.now();
            Outcome outcome = waits(endpoint, producer, settings.waits);
            ThreadCosts after = ThreadCosts.now();
            // the sampler's CPU is the benchmark's, not the component's: count it with the stub's
            stubThreads.add(sampler.getId());
            ThreadCosts.Delta delta = ThreadCosts.between(before, after, stubThreads);
            Report.progress("waits: process CPU " + delta.processCpu() / 1_000_000 + " ms; OS threads: "
                            + ThreadCosts.busiestOsThreads(before, after, 8));
            stop.countDown();
            sampler.join();
            ServiceHelper.stopService(producer);
            long requests = stub.requests() - requestsBefore;

            report.line(Report.f("%d waits started from one thread through the asynchronous producer (endpoint "
                                 + "hightouch:%s?waitForCompletion=true&pollInterval=%d, the component's default "
                                 + "pool of %d connections); the stub answers the trigger, then an empty run list, "
                                 + "processing, and success at poll %d. Threads = every thread Camel and the component "
                                 + "started (warm-up included), sampled every 50 ms; CPU = the process minus the "
                                 + "stub's, the JIT's and the sampler's threads.", settings.waits, OPERATION, settings.pollInterval,
                    hightouch.getMaxConnections(), settings.pollsToFinish));
            report.line("");
            report.row("waits", "failed", "wall s", "start all waits ms", "stub requests", "Camel + component threads "
                                                                                         + "(peak live)",
                    "of them RUNNABLE at once (peak)", "client CPU s", "CPU us/request", "client CPU / wall",
                    "target");
            report.row("---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---");
            report.row(settings.waits, outcome.failed, Report.f("%.2f", delta.wallNanos() / 1e9),
                    Report.f("%.0f", outcome.submitNanos / 1e6), requests, peakLive.get(), peakRunnable.get(),
                    Report.f("%.2f", delta.clientCpu() / 1e9),
                    Report.f("%.0f", delta.clientCpu() / 1e3 / Math.max(1, requests)),
                    Report.f("%.1f%%", 100.0 * delta.clientCpu() / delta.wallNanos()),
                    "<= 16 threads, CPU < 5% of wall");
            report.line("");
            report.line("Threads by name: " + new TreeMap<>(names)
                        + (outcome.error == null ? "" : "; first failure: " + outcome.error));
        }
    }

    private Outcome waits(Endpoint endpoint, AsyncProducer producer, int count) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> error = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Exchange exchange = endpoint.createExchange();
            exchange.getMessage().setHeader(SYNC_ID_HEADER, Integer.toString(i % 50 + 1));
            producer.process(exchange, doneSync -> {
                if (exchange.getException() != null) {
                    failed.incrementAndGet();
                    error.compareAndSet(null, exchange.getException().toString());
                }
                done.countDown();
            });
        }
        long submitted = System.nanoTime() - start;
        long limit = settings.pollInterval * settings.pollsToFinish * 20 + 120_000;
        if (!done.await(limit, TimeUnit.MILLISECONDS)) {
            error.compareAndSet(null, done.getCount() + " waits still open after " + limit + " ms");
            failed.addAndGet((int) done.getCount());
        }
        return new Outcome(failed.get(), error.get(), submitted);
    }

    /**
     * Samples the threads every 50 ms through ThreadMXBean without stack traces (no safepoint, unlike
     * Thread.getAllStackTraces), so that the sampling itself costs next to nothing.
     */
    private static void sample(Set<Long> existing, Map<String, Integer> names, AtomicInteger peakLive,
                               AtomicInteger peakRunnable, CountDownLatch stop) {
        Set<Long> seen = new java.util.HashSet<>();
        do {
            int live = 0;
            int runnable = 0;
            for (ThreadInfo thread : ThreadCosts.THREADS.getThreadInfo(ThreadCosts.THREADS.getAllThreadIds(), 0)) {
                if (thread == null || existing.contains(thread.getThreadId())
                        || StubServer.isStubThread(thread.getThreadName())) {
                    continue;
                }
                live++;
                if (thread.getThreadState() == Thread.State.RUNNABLE) {
                    runnable++;
                }
                if (seen.add(thread.getThreadId())) {
                    names.merge(thread.getThreadName().replaceAll("\\d+", "N"), 1, Integer::sum);
                }
            }
            peakLive.accumulateAndGet(live, Math::max);
            peakRunnable.accumulateAndGet(runnable, Math::max);
            try {
                if (stop.await(50, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        } while (true);
    }

    private record Outcome(int failed, String error, long submitNanos) {
    }
}
