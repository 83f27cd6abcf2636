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

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchSyncRunsConsumer;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.camelhightouch.sync.SyncRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class SyncRunsConsumerTest extends HightouchContextTestSupport {

    /** The consumer's URI of the current test, set before the context starts. */
    private static final AtomicReference<String> CONSUMER = new AtomicReference<>();

    /** A repository bound as {@code runStore} for the current test, or null. */
    private static final AtomicReference<MemoryIdempotentRepository> STORE = new AtomicReference<>();

    /** How many of the next deliveries the route fails. */
    private static final AtomicInteger FAILURES = new AtomicInteger();

    /** How many of the next deliveries the route marks rollback-only, without an exception. */
    private static final AtomicInteger ROLLBACKS = new AtomicInteger();

    /** Every run and status the route was handed, failed or not, in order. */
    private static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

    /** The base class starts a context before each test: it must not see the previous test's route. */
    @AfterEach
    void forgetThisTest() {
        CONSUMER.set(null);
        STORE.set(null);
        FAILURES.set(0);
        ROLLBACKS.set(0);
        ATTEMPTS.clear();
    }

    @Override
    protected void configure(CamelContext context) throws Exception {
        String uri = CONSUMER.get();
        if (STORE.get() != null) {
            context.getRegistry().bind("runStore", STORE.get());
        }
        if (uri != null) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("runs").autoStartup(false)
                            .process(exchange -> {
                                ATTEMPTS.add(describe(exchange));
                                if (FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                                    throw new IllegalStateException("the route failed this delivery");
                                }
                                if (ROLLBACKS.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                                    exchange.setRollbackOnly(true);
                                }
                            })
                            .to("mock:runs");
                }
            });
        }
    }

    /** Polls of the runs of sync 42: run 1 moves on, run 2 appears, one poll fails, then both finish. */
    private static void stubPolls() {
        stubPolls(page(run("1", "queued")),
                page(run("1", "processing"), run("2", "queued")),
                null,
                page(run("1", "success"), run("2", "queued")),
                page(run("1", "success"), run("2", "success")));
    }

    /** Each poll of the runs of sync 42 sees the next page (null: a 502), the last one stays. */
    private static void stubPolls(String... pages) {
        for (int i = 0; i < pages.length; i++) {
            ScenarioMappingBuilder stub = get(urlPathEqualTo(API + "/syncs/42/runs")).inScenario("polls")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i)
                    .willReturn(pages[i] == null ? aResponse().withStatus(502).withBody("<html>bad gateway</html>")
                            : okJson(pages[i]));
            if (i + 1 < pages.length) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            wireMock().stubFor(stub);
        }
    }

    private static String page(String... runs) {
        return "{\"data\":[" + String.join(",", runs) + "],\"hasMore\":false}";
    }

    private void startAndAwaitPolls(String path, int polls) throws Exception {
        context.getRouteController().startRoute("runs");
        awaitPolls(path, polls);
        context.getRouteController().stopRoute("runs");
    }

    private static void awaitPolls(String path, int polls) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (wireMock().countRequestsMatching(getRequestedFor(urlPathEqualTo(API + path)).build()).getCount() < polls) {
            assertThat(System.currentTimeMillis()).as("polls made in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private List<String> emitted() {
        return context.getEndpoint("mock:runs", MockEndpoint.class).getExchanges().stream()
                .map(SyncRunsConsumerTest::describe).toList();
    }

    private static String describe(Exchange exchange) {
        return exchange.getMessage().getHeader(HightouchConstants.SYNC_ID) + "/"
               + exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID) + ":"
               + exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS);
    }

    @Test
    void emitsEachRunAndStatusOnceAndSurvivesAFailedPoll() throws Exception {
        CONSUMER.set("hightouch:syncRuns?syncId=42&delay=30&initialDelay=0");
        restart();
        stubPolls();

        // 5 scripted polls (one of them failing), then several more that see nothing new
        startAndAwaitPolls("/syncs/42/runs", 9);

        assertThat(emitted()).containsExactly("42/1:queued", "42/1:processing", "42/2:queued", "42/1:success",
                "42/2:success");
        Exchange first = context.getEndpoint("mock:runs", MockEndpoint.class).getExchanges().get(0);
        assertThat(first.getMessage().getBody(java.util.Map.class)).containsEntry("status", "queued").containsKey("plannedRows");
    }

    @Test
    void terminalOnlyEmitsFinishedRunsOnce() throws Exception {
        CONSUMER.set("hightouch:syncRuns?syncId=42&delay=30&initialDelay=0&terminalOnly=true&within=1440");
        restart();
        stubPolls();

        startAndAwaitPolls("/syncs/42/runs", 8);

        assertThat(emitted()).containsExactly("42/1:success", "42/2:success");
        assertThat(wireMock().findAll(getRequestedFor(urlPathEqualTo(API + "/syncs/42/runs"))).get(0).getUrl())
                .contains("within=1440");
    }

    @Test
    void withoutSyncIdEmitsTheRunsOfEverySync() throws Exception {
        CONSUMER.set("hightouch:syncRuns?delay=30&initialDelay=0");
        restart();
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs"))
                .willReturn(okJson("{\"data\":[{\"id\":1,\"slug\":\"a\"},{\"id\":2,\"slug\":\"b\"}],\"hasMore\":false}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/1/runs")).willReturn(okJson(page(run("10", "success")))));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/2/runs"))
                .willReturn(okJson(page(run("20", "failed"), run("21", "processing")))));

        startAndAwaitPolls("/syncs/2/runs", 3);

        assertThat(emitted()).containsExactly("1/10:success", "2/20:failed", "2/21:processing");
    }

    @Test
    void aRunMissingFromOnePollIsNotEmittedAgainWhenItReappears() throws Exception {
        CONSUMER.set("hightouch:syncRuns?syncId=42&delay=30&initialDelay=0");
        restart();
        // run 1 is shifted off the page by one poll, then every run is briefly absent
        stubPolls(page(run("1", "success"), run("2", "queued")),
                page(run("2", "queued")),
                page(run("1", "success"), run("2", "success")),
                page(),
                page(run("1", "success"), run("2", "success")));

        startAndAwaitPolls("/syncs/42/runs", 8);

        assertThat(emitted()).containsExactly("42/1:success", "42/2:queued", "42/2:success");
    }

    @Test
    void aRouteRestartWithARepositoryEmitsNothingAlreadyEmitted() throws Exception {
        STORE.set((MemoryIdempotentRepository) MemoryIdempotentRepository.memoryIdempotentRepository(100));
        CONSUMER.set("hightouch:syncRuns?syncId=42&delay=30&initialDelay=0&idempotentRepository=#runStore");
        restart();
        stubPolls(page(run("1", "success")), page(run("1", "success"), run("2", "queued")));

        // the route's stop neither stops nor empties the repository it was given
        startAndAwaitPolls("/syncs/42/runs", 3);
        startAndAwaitPolls("/syncs/42/runs", 6);

        assertThat(emitted()).containsExactly("42/1:success", "42/2:queued");
    }

    @Test
    void withoutARepositoryEachConsumerHasItsOwn() throws Exception {
        CONSUMER.set("hightouch:syncRuns?syncId=42&delay=30&initialDelay=0");
        restart();
        stubPolls(page(run("1", "success")));

        context.getRouteController().startRoute("runs");
        awaitPolls("/syncs/42/runs", 3);

        HightouchSyncRunsConsumer consumer = (HightouchSyncRunsConsumer) context.getRoute("runs").getConsumer();
        assertThat(consumer.getIdempotentRepository()).isInstanceOf(MemoryIdempotentRepository.class);
        assertThat(((MemoryIdempotentRepository) consumer.getIdempotentRepository()).getMaxCacheSize()).isEqualTo(10_000);
        assertThat(consumer.getIdempotentRepository().contains("42/1/success")).isTrue();
        assertThat(emitted()).containsExactly("42/1:success");
    }

    @Test
    void aFailedDeliveryIsEmittedAgainOnTheNextPoll() throws Exception {
        CONSUMER.set("hightouch:syncRuns?syncId=42&delay=30&initialDelay=0");
        restart();
        stubPolls(page(run("1", "processing"), run("2", "success")));
        FAILURES.set(1);

        startAndAwaitPolls("/syncs/42/runs", 5);

        // the first delivery failed and was handed to the exception handler; the next poll emitted it again, once
        assertThat(ATTEMPTS).containsExactly("42/1:processing", "42/2:success", "42/1:processing");
        assertThat(emitted()).containsExactly("42/2:success", "42/1:processing");
        assertThat(LOGS.linesContaining("Error processing sync run 1")).isNotEmpty();
    }

    @Test
    void aDeliveryMarkedRollbackOnlyIsEmittedAgainOnTheNextPoll() throws Exception {
        CONSUMER.set("hightouch:syncRuns?syncId=42&delay=30&initialDelay=0");
        restart();
        stubPolls(page(run("1", "success")));
        ROLLBACKS.set(1);

        startAndAwaitPolls("/syncs/42/runs", 4);

        assertThat(ATTEMPTS).containsExactly("42/1:success", "42/1:success");
    }

    @Test
    void terminalOnlyNeverStoresAStatusThatIsNotFinal() throws Exception {
        MemoryIdempotentRepository store = (MemoryIdempotentRepository) MemoryIdempotentRepository.memoryIdempotentRepository(100);
        STORE.set(store);
        CONSUMER.set("hightouch:syncRuns?syncId=42&delay=30&initialDelay=0&terminalOnly=true"
                     + "&idempotentRepository=#runStore");
        restart();
        stubPolls();

        startAndAwaitPolls("/syncs/42/runs", 8);

        assertThat(emitted()).containsExactly("42/1:success", "42/2:success");
        assertThat(store.getCache().keySet()).containsExactlyInAnyOrder("42/1/success", "42/2/success");
    }

    @Test
    void withoutSyncIdTheSyncListGetsOnlyItsOwnPagingParameters() throws Exception {
        CONSUMER.set("hightouch:syncRuns?delay=30&initialDelay=0&orderBy=finishedAt&within=60&limit=50"
                     + "&after=2024-05-01T00:00:00Z");
        restart();
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs"))
                .willReturn(okJson("{\"data\":[{\"id\":1,\"slug\":\"a\"},{\"id\":2,\"slug\":\"b\"}],\"hasMore\":false}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/1/runs")).willReturn(okJson(page(run("10", "success")))));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/2/runs")).willReturn(okJson(page(run("20", "failed")))));

        startAndAwaitPolls("/syncs/2/runs", 2);

        assertThat(emitted()).containsExactly("1/10:success", "2/20:failed");
        for (var request : wireMock().findAll(getRequestedFor(urlPathEqualTo(API + "/syncs")))) {
            assertThat(queryNames(request.getUrl())).as(request.getUrl()).isSubsetOf("limit", "offset");
        }
        for (var request : wireMock().findAll(getRequestedFor(urlPathEqualTo(API + "/syncs/2/runs")))) {
            assertThat(request.getUrl()).contains("orderBy=finishedAt", "within=60", "limit=50", "after=2024-05-01");
        }
        assertThat(HIGHTOUCH.contractViolations()).isEmpty();
    }

    @Test
    void theDefaultDelayIsThirtySeconds() throws Exception {
        CONSUMER.set("hightouch:syncRuns?syncId=42");
        restart();

        assertThat(consumer().getDelay()).isEqualTo(30_000);
    }

    @Test
    void aDelayOptionStillWins() throws Exception {
        CONSUMER.set("hightouch:syncRuns?syncId=42&delay=1234");
        restart();

        assertThat(consumer().getDelay()).isEqualTo(1234);
    }

    @Test
    void theRepositoryIsAnOptionOfTheConsumerOnly() throws Exception {
        STORE.set((MemoryIdempotentRepository) MemoryIdempotentRepository.memoryIdempotentRepository(100));
        restart();

        assertThatThrownBy(() -> template.sendBody("hightouch:listSyncRuns?syncId=42&idempotentRepository=#runStore", null))
                .hasStackTraceContaining("idempotentRepository: is only for the syncRuns consumer");
    }

    private ScheduledPollConsumer consumer() {
        return (ScheduledPollConsumer) context.getRoute("runs").getConsumer();
    }

    private static Set<String> queryNames(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return Set.of();
        }
        return java.util.Arrays.stream(url.substring(query + 1).split("&")).map(p -> p.split("=", 2)[0])
                .collect(Collectors.toSet());
    }

    private void restart() throws Exception {
        context.close();
        startCamel();
    }
}
