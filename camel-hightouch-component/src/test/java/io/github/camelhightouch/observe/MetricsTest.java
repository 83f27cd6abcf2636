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
package io.github.camelhightouch.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelhightouch.internal.observe.Observation;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hightouch.* meters after known traffic against the stand-in, read from a SimpleMeterRegistry bound in the
 * Camel registry under camel-micrometer's name (metricsRegistry).
 */
@Timeout(30)
class MetricsTest extends HightouchContextTestSupport {

    private static final String SOURCE = "{\"name\":\"pg\",\"slug\":\"pg\",\"type\":\"postgres\",\"configuration\":{}}";
    private static final String CREATED = "{\"id\":426,\"name\":\"pg\",\"slug\":\"pg\",\"workspaceId\":1,\"type\":\"postgres\","
                                          + "\"createdAt\":\"2022-12-12T22:46:57.618Z\",\"updatedAt\":\"2022-12-12T22:46:57.618Z\","
                                          + "\"configuration\":{}}";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Override
    protected void configure(CamelContext context) {
        context.getRegistry().bind("metricsRegistry", registry);
        component.getConfiguration().setRetryBaseDelay(1);
        component.getConfiguration().setMaxRetryDelay(20);
    }

    private double count(String name, String... tags) {
        var search = registry.find(name).tags(tags);
        if (search.timer() != null) {
            return search.timer().count();
        }
        if (search.counter() != null) {
            return search.counter().count();
        }
        throw new AssertionError("no meter " + name + " " + List.of(tags) + " in " + meterNames());
    }

    private List<String> meterNames() {
        return registry.getMeters().stream().map(m -> m.getId().getName() + m.getId().getTags()).toList();
    }

    @Test
    void threeCreatesWithOne503RetriedCountEachAttemptAndTheRetry() {
        String scenario = "one-503";
        wireMock().stubFor(post(API + "/sources").inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"message\":\"busy\"}")).willSetStateTo("ok"));
        wireMock().stubFor(post(API + "/sources").inScenario(scenario).whenScenarioStateIs("ok")
                .willReturn(okJson(CREATED)));

        for (int i = 0; i < 3; i++) {
            assertThat(send("hightouch:createSource", SOURCE, Map.of()).getException()).isNull();
        }

        assertThat(count("hightouch.requests", "operation", "createSource", "outcome", "2xx")).isEqualTo(3);
        assertThat(count("hightouch.requests", "operation", "createSource", "outcome", "5xx")).isEqualTo(1);
        assertThat(count("hightouch.calls", "operation", "createSource", "outcome", "2xx")).isEqualTo(3);
        assertThat(count("hightouch.retries", "operation", "createSource")).isEqualTo(1);
        assertThat(registry.find("hightouch.calls").tag("outcome", "5xx").timer()).as("no call ended with the 503").isNull();
        assertThat(registry.find("hightouch.throttled").counter()).as("no 429").isNull();
        assertThat(registry.find("hightouch.requests").timer().totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void a429FloodCountsEvery429() {
        wireMock().stubFor(get(urlPathEqualTo(API + "/sources")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "0").withBody("{\"message\":\"slow down\"}")));

        Exchange exchange = send("hightouch:listSources?maxRetries=3", null, Map.of());

        assertThat(exchange.getException()).isNotNull();
        assertThat(count("hightouch.throttled", "operation", "listSources")).isEqualTo(4);
        assertThat(count("hightouch.requests", "operation", "listSources", "outcome", "429")).isEqualTo(4);
        assertThat(count("hightouch.calls", "operation", "listSources", "outcome", "429")).isEqualTo(1);
        assertThat(count("hightouch.retries", "operation", "listSources")).isEqualTo(3);
        // the limiter backed off: the gauge shows the adapted rate, half the configured 200
        assertThat(registry.get("hightouch.ratelimit.rate").gauge().value()).isEqualTo(100);
    }

    @Test
    void aRateLimitedBurstQueuesAndWaits() throws Exception {
        wireMock().stubFor(get(urlPathEqualTo(API + "/sources")).willReturn(okJson("{\"data\":[],\"hasMore\":false}")));
        String uri = "hightouch:listSources?rateLimit=2&rateLimitPeriod=500";
        List<CompletableFuture<Exchange>> burst = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            burst.add(template.asyncSend(uri, e -> e.getMessage().setBody(null)));
        }
        double queuedSeen = 0;
        while (!burst.stream().allMatch(CompletableFuture::isDone)) {
            queuedSeen = Math.max(queuedSeen, registry.get("hightouch.ratelimit.queued").gauge().value());
            Thread.sleep(5);
        }
        for (CompletableFuture<Exchange> done : burst) {
            assertThat(done.get().getException()).isNull();
        }

        assertThat(queuedSeen).as("queue depth seen during the burst").isPositive();
        assertThat(registry.get("hightouch.ratelimit.queued").gauge().value()).as("queue depth after").isZero();
        var waits = registry.get("hightouch.ratelimit.wait").timer();
        // two went at once, four waited for a token
        assertThat(waits.count()).isEqualTo(4);
        assertThat(waits.totalTime(TimeUnit.MILLISECONDS)).isPositive();
        assertThat(count("hightouch.requests", "operation", "listSources", "outcome", "2xx")).isEqualTo(6);
    }

    @Test
    void aWaitedSyncRunCountsItsOutcomeAndRows() {
        wireMock().stubFor(post(API + "/syncs/42/trigger").willReturn(okJson("{\"id\":\"7\"}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/42/runs")).willReturn(okJson("{\"data\":[{\"id\":7,"
                + "\"createdAt\":\"2024-05-01T10:00:00Z\",\"startedAt\":\"2024-05-01T10:00:01Z\",\"finishedAt\":"
                + "\"2024-05-01T10:05:00Z\",\"querySize\":120,\"status\":\"success\",\"completionRatio\":1,"
                + "\"plannedRows\":{\"addedCount\":100,\"changedCount\":20,\"removedCount\":3},"
                + "\"successfulRows\":{\"addedCount\":99,\"changedCount\":20,\"removedCount\":3},"
                + "\"failedRows\":{\"addedCount\":1,\"changedCount\":0,\"removedCount\":0}}],\"hasMore\":false}")));

        Exchange exchange = send("hightouch:triggerSync?syncId=42&waitForCompletion=true&pollInterval=20", null,
                Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(count("hightouch.runs", "type", "sync_run", "status", "success")).isEqualTo(1);
        assertThat(count("hightouch.runs.rows", "type", "sync_run", "rows", "plannedRows")).isEqualTo(123);
        assertThat(count("hightouch.runs.rows", "type", "sync_run", "rows", "successfulRows")).isEqualTo(122);
        assertThat(count("hightouch.runs.rows", "type", "sync_run", "rows", "failedRows")).isEqualTo(1);
        assertThat(registry.get("hightouch.runs.active").gauge().value()).as("waits after the run ended").isZero();
    }

    @Test
    void aFailedRunIsCountedByItsStatus() {
        wireMock().stubFor(post(API + "/syncs/42/trigger").willReturn(okJson("{\"id\":\"8\"}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/42/runs")).willReturn(okJson("{\"data\":[{\"id\":8,"
                + "\"createdAt\":\"2024-05-01T10:00:00Z\",\"status\":\"failed\",\"error\":\"no\"}],\"hasMore\":false}")));

        Exchange exchange = send("hightouch:triggerSync?syncId=42&waitForCompletion=true&pollInterval=20", null,
                Map.of());

        assertThat(exchange.getException()).isNotNull();
        assertThat(count("hightouch.runs", "type", "sync_run", "status", "failed")).isEqualTo(1);
        assertThat(registry.find("hightouch.runs").tag("status", "success").counter()).isNull();
    }

    @Test
    void eventsQueuedAndSentAreWhatTheStandInReceived() {
        for (int i = 0; i < 3; i++) {
            assertThat(send("hightouch:track?lingerMs=0", Map.of("userId", "u" + i, "event", "Viewed"), Map.of())
                    .getException()).isNull();
        }
        List<Map<String, Object>> batch = List.of(Map.of("type", "track", "userId", "b1", "event", "A"),
                Map.of("type", "identify", "userId", "b2"));
        assertThat(send("hightouch:batch?lingerMs=0", batch, Map.of()).getException()).isNull();

        int received = HIGHTOUCH.events().acceptedEvents().size();
        assertThat(received).isEqualTo(5);
        assertThat(count("hightouch.events.queued", "operation", "track")
                   + count("hightouch.events.queued", "operation", "batch")).isEqualTo(received);
        assertThat(count("hightouch.events.sent", "operation", "track")
                   + count("hightouch.events.sent", "operation", "batch")).isEqualTo(received);
        var trackBatches = registry.get("hightouch.events.batch.size").tag("operation", "track").summary();
        var batchBatches = registry.get("hightouch.events.batch.size").tag("operation", "batch").summary();
        assertThat(trackBatches.count() + batchBatches.count()).isEqualTo(HIGHTOUCH.events().accepted().size());
        assertThat(trackBatches.totalAmount() + batchBatches.totalAmount()).isEqualTo(received);
        assertThat(batchBatches.max()).isEqualTo(2);
        assertThat(count("hightouch.requests", "operation", "track", "outcome", "2xx")).isEqualTo(3);
        assertThat(registry.get("hightouch.events.held").gauge().value()).isZero();
    }

    @Test
    void eventsRefusedByHightouchFailAndEventsNeverSentAreDropped() {
        HIGHTOUCH.events().answerWith((n, body) -> responseDefinition().withStatus(400)
                .withBody("{\"message\":\"bad\"}").build());
        assertThat(send("hightouch:track?lingerMs=0", Map.of("userId", "u1", "event", "Viewed"), Map.of())
                .getException()).isNotNull();
        assertThat(count("hightouch.events.failed", "operation", "track")).isEqualTo(1);
        assertThat(registry.find("hightouch.events.sent").counter()).isNull();

        // a queue of one, and a first event held by the stand-in: the second finds no room
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HIGHTOUCH.events().answerWith((n, body) -> {
            held.countDown();
            Latches.await(release);
            return null;
        });
        String uri = "hightouch:track?lingerMs=0&maxQueuedEvents=1&queueFullPolicy=fail";
        CompletableFuture<Exchange> first = template.asyncSend(uri,
                e -> e.getMessage().setBody(Map.of("userId", "u2", "event", "Viewed")));
        Latches.await(held);
        Exchange second = send(uri, Map.of("userId", "u3", "event", "Viewed"), Map.of());
        release.countDown();
        assertThat(second.getException()).hasMessageContaining("maxQueuedEvents=1");
        assertThat(first.join().getException()).isNull();
        assertThat(count("hightouch.events.dropped", "operation", "track")).isEqualTo(1);
        assertThat(count("hightouch.events.sent", "operation", "track")).isEqualTo(1);
    }

    @Test
    void everyMeterIsNamedHightouchAndNoTagHoldsAKey() {
        wireMock().stubFor(post(API + "/sources").willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"bad key " + HightouchStandIn.API_KEY + "\"}")));
        send("hightouch:createSource", SOURCE, Map.of());
        send("hightouch:track?lingerMs=0", Map.of("userId", "u1", "event", "Viewed"), Map.of());

        assertThat(registry.getMeters()).isNotEmpty();
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getName()).startsWith("hightouch.");
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue()).doesNotContain(HightouchStandIn.API_KEY_SECRET)
                        .doesNotContain(HightouchStandIn.WRITE_KEY_SECRET);
            }
        }
        assertThat(count("hightouch.calls", "operation", "createSource", "outcome", "4xx")).isEqualTo(1);
    }

    @Test
    void theMetersLeaveTheRegistryWhenTheContextStops() {
        send("hightouch:track?lingerMs=0", Map.of("userId", "u1", "event", "Viewed"), Map.of());
        assertThat(registry.getMeters()).isNotEmpty();
        assertThat(Observation.of(context).recordsMetrics()).isTrue();

        context.stop();

        assertThat(registry.getMeters()).isEmpty();
        assertThat(Observation.of(context).recordsMetrics()).isFalse();
    }

    @Test
    void aRunWaitEndedByTheStopIsCountedAndNoMeterIsLeftBehind() throws Exception {
        wireMock().stubFor(post(API + "/syncs/42/trigger").willReturn(okJson("{\"id\":\"7\"}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/42/runs")).willReturn(okJson("{\"data\":[{\"id\":7,"
                + "\"createdAt\":\"2024-05-01T10:00:00Z\",\"status\":\"processing\"}],\"hasMore\":false}")));
        List<Meter> removed = new java.util.concurrent.CopyOnWriteArrayList<>();
        registry.config().onMeterRemoved(removed::add);

        CompletableFuture<Exchange> waiting = template.asyncSend(
                "hightouch:triggerSync?syncId=42&waitForCompletion=true&pollInterval=20&timeout=20000",
                e -> e.getMessage().setBody(null));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (registry.find("hightouch.runs.active").gauge() == null
               || registry.get("hightouch.runs.active").gauge().value() < 1) {
            assertThat(System.nanoTime()).as("the wait started").isLessThan(until);
            Thread.sleep(10);
        }

        context.stop();

        assertThat(waiting.get(10, TimeUnit.SECONDS).getException()).isNotNull();
        assertThat(removed).as("the wait the stop ended was counted before the meters left")
                .anySatisfy(meter -> {
                    assertThat(meter.getId().getName()).isEqualTo("hightouch.runs");
                    assertThat(meter.getId().getTag("status")).isEqualTo("error");
                    assertThat(((io.micrometer.core.instrument.Counter) meter).count()).isEqualTo(1);
                });
        assertThat(meterNames()).as("no meter recorded after the stop").isEmpty();
    }

}
