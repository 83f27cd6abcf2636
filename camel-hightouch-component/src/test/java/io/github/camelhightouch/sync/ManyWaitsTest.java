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
package io.github.camelhightouch.sync;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 sync runs waited on at once from one route: the waits hold no thread, so that no more than 10 threads are ever
 * busy with the component or the route while they last.
 */
@Timeout(120)
class ManyWaitsTest extends HightouchContextTestSupport {

    private static final int RUNS = 200;
    private static final String GATE = "gate";

    @Override
    protected void configure(CamelContext context) throws Exception {
        // the sampler counts busy threads: detailed logging would keep them busy longer
        LOGS.atConfiguredLevels();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:trigger-and-wait").routeId("trigger-and-wait")
                        .to("hightouch:triggerSync?waitForCompletion=true&pollInterval=400&timeout=60000"
                                + "&rateLimit=100&rateLimitPeriod=1000");
            }
        });
    }

    @Test
    void twoHundredWaitsNeedAHandfulOfThreads() throws Exception {
        // every sync answers its trigger with a run of the same id; every run is processing until the gate opens
        wireMock().stubFor(post(urlPathMatching(API + "/syncs/\\d+/trigger"))
                .willReturn(okJson("{\"id\":\"{{request.pathSegments.[3]}}\"}").withTransformers("response-template")));
        wireMock().stubFor(get(urlPathMatching(API + "/syncs/\\d+/runs")).inScenario(GATE)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"data\":[{\"id\":{{request.query.runId}},\"status\":\"processing\"}],\"hasMore\":false}")
                        .withTransformers("response-template")));
        wireMock().stubFor(get(urlPathMatching(API + "/syncs/\\d+/runs")).inScenario(GATE)
                .whenScenarioStateIs("open")
                .willReturn(okJson("{\"data\":[{\"id\":{{request.query.runId}},\"status\":\"success\"}],\"hasMore\":false}")
                        .withTransformers("response-template")));

        BusyThreadSampler sampler = new BusyThreadSampler();
        sampler.start();
        AsyncProducer producer = context.getEndpoint("direct:trigger-and-wait").createAsyncProducer();
        producer.start();
        CountDownLatch done = new CountDownLatch(RUNS);
        ConcurrentLinkedQueue<Exchange> finished = new ConcurrentLinkedQueue<>();
        int completedInline = 0;
        try {
            for (int i = 1; i <= RUNS; i++) {
                Exchange exchange = new DefaultExchange(context);
                exchange.getMessage().setHeader(HightouchConstants.SYNC_ID, i);
                boolean inline = producer.process(exchange, doneSync -> {
                    finished.add(exchange);
                    done.countDown();
                });
                if (inline) {
                    completedInline++;
                }
            }
            // all 200 exchanges are in flight at once: none completed inline, none has finished
            assertThat(completedInline).isZero();
            assertThat(done.getCount()).isEqualTo(RUNS);

            // let every run be polled at least twice while all of them wait
            awaitPolls(2 * RUNS, 30_000);
            assertThat(done.getCount()).isEqualTo(RUNS);
            wireMock().setScenarioState(GATE, "open");

            assertThat(done.await(60, TimeUnit.SECONDS)).as("all waits finished").isTrue();
        } finally {
            sampler.stop();
            producer.stop();
        }

        assertThat(finished).hasSize(RUNS).allSatisfy(exchange -> {
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo("success");
            assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID))
                    .isEqualTo(exchange.getMessage().getHeader(HightouchConstants.SYNC_ID).toString());
        });
        wireMock().verify(RUNS, postRequestedFor(urlPathMatching(API + "/syncs/\\d+/trigger")));

        System.out.printf("%d waits: %d samples, at most %d threads busy at once, polls made by %s%n", RUNS,
                sampler.samples(), sampler.maxBusy(), sampler.threadsSeenPolling());
        assertThat(sampler.samples()).as("samples taken during the waits").isGreaterThan(20);
        assertThat(sampler.threadsSeenPolling()).as("threads seen making the polls").isNotEmpty().hasSizeLessThanOrEqualTo(
                component.getWaitPoolSize());
        assertThat(sampler.maxBusy()).as("most threads busy at once with the component or the route").isLessThanOrEqualTo(10);
    }

    private static void awaitPolls(int polls, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (wireMock().countRequestsMatching(getRequestedFor(urlPathMatching(API + "/syncs/\\d+/runs")).build())
                .getCount() < polls) {
            assertThat(System.currentTimeMillis()).as("polls seen in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * Samples every thread of the JVM every few milliseconds and counts those busy with the component or with Camel
     * routing: any thread whose stack holds a frame of either, whatever its state, so that a thread that sleeps or
     * blocks inside a wait counts as busy too. Idle pool threads and WireMock's threads hold no such frame; the
     * test and its support (the testing package) do not count.
     */
    private static final class BusyThreadSampler implements Runnable {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger maxBusy = new AtomicInteger();
        private final AtomicInteger samples = new AtomicInteger();
        private final Set<String> polling = new HashSet<>();
        private final Thread thread = new Thread(this, "busy-thread-sampler");

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }

        @Override
        public void run() {
            long self = Thread.currentThread().getId();
            while (running.get()) {
                int busy = 0;
                for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
                    if (info == null || info.getThreadId() == self) {
                        continue;
                    }
                    if (isBusy(info.getStackTrace())) {
                        busy++;
                    }
                    if (isPolling(info.getStackTrace())) {
                        synchronized (polling) {
                            polling.add(info.getThreadName());
                        }
                    }
                }
                maxBusy.accumulateAndGet(busy, Math::max);
                samples.incrementAndGet();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private static boolean isBusy(StackTraceElement[] stack) {
            for (StackTraceElement frame : stack) {
                String name = frame.getClassName();
                if (name.startsWith("io.github.camelhightouch.") && !name.startsWith("io.github.camelhightouch.sync.")
                        && !name.startsWith("io.github.camelhightouch.testing.")
                        || name.startsWith("org.apache.camel.")) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isPolling(StackTraceElement[] stack) {
            for (StackTraceElement frame : stack) {
                // a poll runs in the run() of a wait's task, or in a round of the shared poll of its sync
                if (frame.getClassName().equals("io.github.camelhightouch.internal.run.SyncRunWaiter$Waiting")
                        && frame.getMethodName().equals("run")
                        || frame.getClassName().equals("io.github.camelhightouch.internal.run.RunPollGroup")
                        && frame.getMethodName().equals("round")) {
                    return true;
                }
            }
            return false;
        }

        int maxBusy() {
            return maxBusy.get();
        }

        int samples() {
            return samples.get();
        }

        List<String> threadsSeenPolling() {
            synchronized (polling) {
                return List.copyOf(polling);
            }
        }
    }
}
