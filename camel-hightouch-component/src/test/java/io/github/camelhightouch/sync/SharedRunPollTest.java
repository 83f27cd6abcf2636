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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchException;
import io.github.camelhightouch.HightouchSyncRunException;
import io.github.camelhightouch.HightouchWaitTimeoutException;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import io.github.camelhightouch.testing.StandInWorkspace;
import io.github.camelhightouch.testing.StandInWorkspace.RunPlan;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits on one sync through one key share one list of the sync's runs per poll interval, counted at the stand-in;
 * each wait still ends as it would alone: a run missing from the list is polled by itself, failures, warnings and
 * timeouts are per wait, a failing or garbled list falls back, different keys never share, and a stop ends each
 * pending wait once.
 */
@Timeout(60)
class SharedRunPollTest {

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().serverPerTest().fastRetries();

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture();

    private static final String INTERVAL = "200";

    private static String waitUri(String extra) {
        return "hightouch:triggerSync?syncId=42&waitForCompletion=true&pollInterval=" + INTERVAL
               + "&timeout=20000&rateLimit=1000&rateLimitPeriod=1000" + extra;
    }

    private static List<CompletableFuture<Exchange>> startWaits(ProducerTemplate template, String uri, int count) {
        List<CompletableFuture<Exchange>> waits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            waits.add(template.asyncSend(uri, exchange -> {
                exchange.setPattern(ExchangePattern.InOut);
                exchange.getMessage().setBody("go");
            }));
        }
        return waits;
    }

    /** Starts waits through the endpoint's asynchronous producer, counting every completion callback. */
    private static List<CompletableFuture<Exchange>> startAsyncWaits(org.apache.camel.Endpoint endpoint, int count,
                                                                     AtomicInteger completions) throws Exception {
        org.apache.camel.AsyncProducer producer = endpoint.createAsyncProducer();
        producer.start();
        List<CompletableFuture<Exchange>> waits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Exchange exchange = endpoint.createExchange(ExchangePattern.InOut);
            exchange.getMessage().setBody("go");
            CompletableFuture<Exchange> ended = new CompletableFuture<>();
            waits.add(ended);
            producer.process(exchange, doneSync -> {
                completions.incrementAndGet();
                ended.complete(exchange);
            });
        }
        return waits;
    }

    private static Exchange done(CompletableFuture<Exchange> wait) throws Exception {
        return wait.get(30, TimeUnit.SECONDS);
    }

    private static List<LoggedRequest> lists(String syncId) {
        return HIGHTOUCH.requests().stream()
                .filter(r -> r.getUrl().startsWith("/api/v1/syncs/" + syncId + "/runs?") && !r.getUrl().contains("runId="))
                .toList();
    }

    private static List<LoggedRequest> ownPolls(String syncId) {
        return HIGHTOUCH.requests().stream()
                .filter(r -> r.getUrl().startsWith("/api/v1/syncs/" + syncId + "/runs?runId=")).toList();
    }

    @Test
    void twentyWaitsOnOneSyncCostTheirTriggersAndAboutOneListPerInterval() throws Exception {
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH).planRuns(sync -> new RunPlan(0, 1200, "success"));
        CamelContext camel = HIGHTOUCH.newContext();
        camel.start();
        ProducerTemplate template = camel.createProducerTemplate();
        long start = System.nanoTime();
        List<CompletableFuture<Exchange>> waits = startWaits(template, waitUri(""), 20);
        for (CompletableFuture<Exchange> wait : waits) {
            Exchange exchange = done(wait);
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo("success");
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(workspace.runIds()).hasSize(20);
        // one wait alone polls at least 1200 / 200 = 6 times: twenty alone would make over 120 polls
        int lists = lists("42").size();
        int own = ownPolls("42").size();
        System.out.printf("20 waits in %d ms: %d lists, %d own polls%n", elapsed, lists, own);
        assertThat(lists).as("lists, at most one per interval").isLessThanOrEqualTo((int) (elapsed / 200) + 2).isPositive();
        assertThat(lists + own).as("all the polls of the twenty waits").isLessThan(40);
        assertThat(lists("42")).allSatisfy(request -> {
            assertThat(request.queryParameter("after").isPresent()).isTrue();
            assertThat(request.queryParameter("orderBy").firstValue()).isEqualTo("createdAt");
            assertThat(request.queryParameter("limit").firstValue()).isEqualTo("100");
        });
    }

    @Test
    void aRunTheListDoesNotHoldIsPolledByItselfAndEndsAsTheOthers() throws Exception {
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH).planRuns(sync -> new RunPlan(0, 1000, "success"));
        CamelContext camel = HIGHTOUCH.newContext();
        camel.start();
        ProducerTemplate template = camel.createProducerTemplate();
        List<CompletableFuture<Exchange>> waits = startWaits(template, waitUri(""), 5);
        while (workspace.runIds().size() < 5) {
            Thread.sleep(5);
        }
        String hidden = workspace.runIds().get(2);
        workspace.hideFromLists(hidden);
        for (CompletableFuture<Exchange> wait : waits) {
            Exchange exchange = done(wait);
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo("success");
        }
        assertThat(ownPolls("42")).as("the hidden run's own polls")
                .anySatisfy(request -> assertThat(request.queryParameter("runId").firstValue()).isEqualTo(hidden));
        assertThat(lists("42")).isNotEmpty();
    }

    @Test
    void eachWaitEndsAsItWouldAloneWhateverTheOthersMeet() throws Exception {
        // random outcomes and arrival times, one seed per run of the test so that a failure can be replayed
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String[] finals = { "success", "warning", "failed", "cancelled", "never" };
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH).planRuns(sync -> {
            synchronized (random) {
                String status = finals[random.nextInt(finals.length)];
                long visible = random.nextInt(3) == 0 ? 150 + random.nextInt(300) : 0;
                return "never".equals(status) ? new RunPlan(visible, Long.MAX_VALUE, "success")
                        : new RunPlan(visible, visible + random.nextInt(900), status);
            }
        });
        CamelContext camel = HIGHTOUCH.newContext();
        camel.start();
        ProducerTemplate template = camel.createProducerTemplate();
        List<CompletableFuture<Exchange>> waits = new ArrayList<>();
        List<Boolean> failOnWarning = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            boolean strict = random.nextBoolean();
            failOnWarning.add(strict);
            String uri = "hightouch:triggerSync?syncId=42&waitForCompletion=true&pollInterval=100&timeout=2500"
                         + "&rateLimit=1000&rateLimitPeriod=1000&failOnWarning=" + strict;
            waits.addAll(startWaits(template, uri, 1));
            Thread.sleep(random.nextInt(40));
        }
        for (int i = 0; i < waits.size(); i++) {
            Exchange exchange = done(waits.get(i));
            String runId = exchange.getException() instanceof HightouchException failure
                           && failure instanceof io.github.camelhightouch.HightouchRunException run
                    ? run.getRunId() : exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID, String.class);
            RunPlan plan = workspace.planOf(runId);
            assertThat(plan).as("seed %d: wait %d has a run of the stand-in", seed, i).isNotNull();
            String as = "seed " + seed + ": wait " + i + " on run " + runId + " planned " + plan;
            if (plan.finishAfterMillis() == Long.MAX_VALUE) {
                assertThat(exchange.getException()).as(as).isInstanceOf(HightouchWaitTimeoutException.class);
                assertThat(((HightouchWaitTimeoutException) exchange.getException()).getLastStatus()).as(as)
                        .isIn("processing", null);
            } else if ("success".equals(plan.finalStatus()) || "warning".equals(plan.finalStatus()) && !failOnWarning.get(i)) {
                assertThat(exchange.getException()).as(as).isNull();
                assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).as(as)
                        .isEqualTo(plan.finalStatus());
            } else {
                assertThat(exchange.getException()).as(as).isInstanceOf(HightouchSyncRunException.class);
                assertThat(((HightouchSyncRunException) exchange.getException()).getStatus()).as(as)
                        .isEqualTo(plan.finalStatus());
            }
        }
        assertThat(lists("42")).as("the waits shared lists").isNotEmpty();
    }

    @Test
    void aListAnswering500OrGarbageFallsBackAndTheWaitsEndWell() throws Exception {
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH).planRuns(sync -> new RunPlan(0, 1000, "success"));
        for (int i = 0; i < 6; i++) {
            workspace.answerNext("GET", "runs-list", responseDefinition().withStatus(500)
                    .withHeader("Content-Type", "application/json").withBody("\"Internal Server Error\"").build(), false);
            workspace.answerNext("GET", "runs-list", responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"data\":\"not a list\"}").build(), false);
            workspace.answerNext("GET", "runs-list", responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "text/html").withBody("<html>proxy</html>").build(), false);
        }
        CamelContext camel = HIGHTOUCH.newContext();
        camel.start();
        ProducerTemplate template = camel.createProducerTemplate();
        List<CompletableFuture<Exchange>> waits = startWaits(template, waitUri(""), 6);
        for (CompletableFuture<Exchange> wait : waits) {
            Exchange exchange = done(wait);
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo("success");
        }
        assertThat(lists("42")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ownPolls("42")).as("the garbled lists' own polls").isNotEmpty();
    }

    @Test
    void waitsOfDifferentKeysNeverShareAList() throws Exception {
        new StandInWorkspace().install(HIGHTOUCH).planRuns(sync -> new RunPlan(0, 1000, "success"));
        CamelContext camel = HIGHTOUCH.newContext();
        camel.start();
        ProducerTemplate template = camel.createProducerTemplate();
        // the stand-in checks no key: a second key is just another budget, as another workspace would be
        List<CompletableFuture<Exchange>> waits = new ArrayList<>(startWaits(template, waitUri(""), 4));
        waits.addAll(startWaits(template, waitUri("&apiKey=ht-test-key-other"), 4));
        for (CompletableFuture<Exchange> wait : waits) {
            assertThat(done(wait).getException()).isNull();
        }
        List<LoggedRequest> lists = lists("42");
        assertThat(lists).isNotEmpty();
        assertThat(lists.stream().map(r -> r.getHeader("Authorization")).distinct()).hasSize(2);
        // every list answered waits of its own key only: a list's key sent every trigger it answered
        HightouchComponent component = camel.getComponent("hightouch", HightouchComponent.class);
        assertThat(component).isNotNull();
    }

    @Test
    void aContextStoppedWithWaitsPendingEndsEachOnce() throws Exception {
        new StandInWorkspace().install(HIGHTOUCH).planRuns(sync -> new RunPlan(0, Long.MAX_VALUE, "success"));
        CamelContext camel = HIGHTOUCH.newContext();
        camel.start();
        AtomicInteger completions = new AtomicInteger();
        org.apache.camel.Endpoint endpoint = camel.getEndpoint(waitUri(""));
        List<CompletableFuture<Exchange>> waits = startAsyncWaits(endpoint, 10, completions);
        while (lists("42").size() < 2) {
            Thread.sleep(10);
        }
        camel.stop();
        for (CompletableFuture<Exchange> wait : waits) {
            Exchange exchange = done(wait);
            assertThat(exchange.getException()).isInstanceOf(HightouchException.class)
                    .hasMessageContaining("stopping");
        }
        Thread.sleep(300);
        assertThat(completions.get()).isEqualTo(10);
        // a poll cancelled by the stop ends its wait: no wait takes it for a failed poll to try again
        assertThat(LOGS.linesContaining("polling again")).isEmpty();
    }

    @Test
    void aContextStoppedWithPollsQueuedForTheRateLimitEndsEachWaitOnceWithoutPollingAgain() throws Exception {
        new StandInWorkspace().install(HIGHTOUCH).planRuns(sync -> new RunPlan(0, Long.MAX_VALUE, "success"));
        CamelContext camel = HIGHTOUCH.newContext();
        camel.start();
        AtomicInteger completions = new AtomicInteger();
        // 12 requests a minute: the 10 triggers and the first polls spend them, the next polls queue in the limiter
        org.apache.camel.Endpoint endpoint = camel.getEndpoint("hightouch:triggerSync?syncId=42&waitForCompletion=true"
                + "&pollInterval=" + INTERVAL + "&timeout=20000&rateLimit=12&rateLimitPeriod=60000");
        List<CompletableFuture<Exchange>> waits = startAsyncWaits(endpoint, 10, completions);
        while (HIGHTOUCH.requests().size() < 12) {
            Thread.sleep(10);
        }
        // long enough for the next round of polls to be asked for and queued
        Thread.sleep(4L * Long.parseLong(INTERVAL));
        camel.stop();
        for (CompletableFuture<Exchange> wait : waits) {
            assertThat(done(wait).getException()).isInstanceOf(HightouchException.class).hasMessageContaining("stopping");
        }
        Thread.sleep(300);
        assertThat(completions.get()).isEqualTo(10);
        assertThat(HIGHTOUCH.requests()).hasSize(12);
        assertThat(LOGS.linesContaining("polling again")).isEmpty();
    }
}
