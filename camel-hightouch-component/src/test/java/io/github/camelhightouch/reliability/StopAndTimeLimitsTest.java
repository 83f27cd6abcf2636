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
package io.github.camelhightouch.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchConfiguration;
import io.github.camelhightouch.HightouchTransportException;
import io.github.camelhightouch.HightouchWaitTimeoutException;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings 3, 4, 5 and 6 of the attack: every call ends exactly once, within its requestTimeout plus a margin or when
 * its context stops, wherever it is (queued for the rate limit, backing off, on the wire, waiting for a run); an
 * expired call spends no token; the rate-limit queue is bounded; a restarted context behaves as new; durations at
 * their extremes mean what they say. Margins are generous: these machines are shared.
 */
class StopAndTimeLimitsTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().serverPerTest();

    private static final String LIST = "hightouch:raw?url=/sources&httpMethod=GET";

    private static CamelContext started(Consumer<HightouchConfiguration> settings) {
        CamelContext context = HIGHTOUCH.newContext();
        settings.accept(context.getComponent("hightouch", HightouchComponent.class).getConfiguration());
        context.start();
        return context;
    }

    private static void sourcesAnswer() {
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"data\":[]}")));
    }

    private static List<CompletableFuture<Exchange>> sendAll(ProducerTemplate template, String uri, int count) {
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(template.asyncSend(uri, exchange -> {
            }));
        }
        return calls;
    }

    private static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition not met within 10 s").isNegative();
            Thread.sleep(20);
        }
    }

    private static HightouchTransportException transportFailure(CompletableFuture<Exchange> call) throws Exception {
        Exchange exchange = call.get(5, TimeUnit.SECONDS);
        assertThat(exchange.getException()).isInstanceOf(HightouchTransportException.class);
        return (HightouchTransportException) exchange.getException();
    }

    @Test
    void callsQueuedForTheRateLimitEndWhenTheContextStopsAndARestartedContextBehavesAsNew() throws Exception {
        sourcesAnswer();
        CamelContext context = started(c -> {
            c.setRateLimit(1);
            c.setRateLimitPeriod(60_000);
        });
        ProducerTemplate template = context.createProducerTemplate();
        List<CompletableFuture<Exchange>> calls = sendAll(template, LIST, 4);
        // the template's threads send in any order: whichever got the token is done, the three others wait
        until(() -> calls.stream().anyMatch(CompletableFuture::isDone));
        Thread.sleep(200);
        List<CompletableFuture<Exchange>> queuedCalls = calls.stream().filter(call -> !call.isDone()).toList();
        assertThat(queuedCalls).hasSize(3);
        assertThat(calls.stream().filter(CompletableFuture::isDone).findFirst().orElseThrow().get().getException())
                .isNull();

        long stopping = System.nanoTime();
        context.stop();

        for (CompletableFuture<Exchange> queued : queuedCalls) {
            HightouchTransportException e = transportFailure(queued);
            assertThat(e.isOutcomeUnknown()).isFalse();
            assertThat(e.getMessage()).contains("nothing was sent").contains("stopping")
                    .contains("while waiting for the rate limit");
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping)).isLessThan(5_000);
        assertThat(HIGHTOUCH.requests()).hasSize(1);

        // Camel forgets components on stop: the new one, same key and limit, must not find the old one's queue
        HightouchComponent renewed = HIGHTOUCH.newComponent();
        renewed.getConfiguration().setRateLimit(1);
        renewed.getConfiguration().setRateLimitPeriod(60_000);
        renewed.getConfiguration().setRequestTimeout(5_000);
        context.addComponent("hightouch", renewed);
        context.start();
        Exchange again = context.createProducerTemplate().send(LIST, exchange -> {
        });
        assertThat(again.getException()).as("the restarted context has a fresh limiter, not a stranded queue").isNull();
        assertThat(HIGHTOUCH.requests()).hasSize(2);
    }

    @Test
    void aCallBackingOffEndsWhenTheContextStops() throws Exception {
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(aResponse().withStatus(503)));
        CamelContext context = started(c -> {
            c.setRetryBaseDelay(30_000);
            c.setMaxRetryDelay(30_000);
        });
        CompletableFuture<Exchange> call = sendAll(context.createProducerTemplate(), LIST + "&maxRetries=1", 1).get(0);
        until(() -> HIGHTOUCH.requests().size() == 1);
        Thread.sleep(100);

        context.stop();

        HightouchTransportException e = transportFailure(call);
        assertThat(e.getMessage()).contains("stopping").contains("while waiting to retry");
    }

    @Test
    void aCallOnTheWireEndsWhenTheContextStopsAndSaysItMayHaveBeenSent() throws Exception {
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo("/api/v1/sources"))
                .willReturn(okJson("{\"data\":[]}").withFixedDelay(20_000)));
        CamelContext context = started(c -> {
        });
        CompletableFuture<Exchange> call = sendAll(context.createProducerTemplate(), LIST, 1).get(0);
        until(() -> HIGHTOUCH.requests().size() == 1);

        long stopping = System.nanoTime();
        context.stop();

        HightouchTransportException e = transportFailure(call);
        assertThat(e.isOutcomeUnknown()).isTrue();
        assertThat(e.getMessage()).contains("while waiting for Hightouch's answer");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping)).isLessThan(5_000);
    }

    @Test
    void requestTimeoutBoundsTheRateLimitWaitAndAnExpiredCallSpendsNoToken() throws Exception {
        sourcesAnswer();
        CamelContext context = started(c -> {
            c.setRateLimit(1);
            c.setRateLimitPeriod(2_000);
        });
        ProducerTemplate template = context.createProducerTemplate();
        long start = System.nanoTime();
        assertThat(template.send(LIST, exchange -> {
        }).getException()).isNull();
        List<CompletableFuture<Exchange>> expiring = sendAll(template, LIST + "&requestTimeout=500", 3);
        for (CompletableFuture<Exchange> call : expiring) {
            HightouchTransportException e = transportFailure(call);
            assertThat(e.isOutcomeUnknown()).isFalse();
            assertThat(e.getMessage()).contains("requestTimeout (500 ms) passed while waiting for the rate limit");
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("ended at their own timeout")
                .isLessThan(1_900);

        // the token comes back at 2 s: had the expired calls spent tokens, this one would wait until 8 s
        Exchange next = template.send(LIST + "&requestTimeout=30000", exchange -> {
        });
        assertThat(next.getException()).isNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(1_900L, 4_500L);
        assertThat(HIGHTOUCH.requests()).hasSize(2);
    }

    @Test
    void aFullRateLimitQueueRefusesAtOnce() throws Exception {
        sourcesAnswer();
        CamelContext context = started(c -> {
            c.setRateLimit(1);
            c.setRateLimitPeriod(60_000);
            c.setRateLimitQueueSize(2);
        });
        ProducerTemplate template = context.createProducerTemplate();
        assertThat(template.send(LIST, e -> {
        }).getException()).isNull();
        List<CompletableFuture<Exchange>> calls = sendAll(template, LIST, 3);
        until(() -> calls.stream().anyMatch(CompletableFuture::isDone));
        Thread.sleep(200);
        assertThat(calls.stream().filter(CompletableFuture::isDone).count()).as("two wait, one is refused").isEqualTo(1);
        CompletableFuture<Exchange> refused = calls.stream().filter(CompletableFuture::isDone).findFirst().orElseThrow();
        HightouchTransportException full = transportFailure(refused);
        assertThat(full.isOutcomeUnknown()).isFalse();
        assertThat(full.getMessage()).contains("rate-limit queue is full").contains("rateLimitQueueSize");
        context.stop();
    }

    @Test
    void aWaitsTimeoutBoundsAHangingPoll() throws Exception {
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo("/api/v1/syncs/7/runs"))
                .willReturn(okJson("{\"data\":[]}").withFixedDelay(8_000)));
        CamelContext context = started(c -> {
        });
        long start = System.nanoTime();
        Exchange exchange = context.createProducerTemplate()
                .send("hightouch:waitForSyncRun?syncId=7&syncRunId=9&timeout=1000&pollInterval=100", e -> {
                });
        assertThat(exchange.getException()).isInstanceOf(HightouchWaitTimeoutException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_500);
    }

    @Test
    void theLargestDurationsMeanNoPracticalLimitAndDoNotOverflow() throws Exception {
        sourcesAnswer();
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo("/api/v1/syncs/7/runs"))
                .willReturn(okJson("{\"data\":[{\"id\":9,\"status\":\"success\"}]}")));
        CamelContext context = started(c -> {
            c.setRateLimit(5);
            c.setRateLimitPeriod(Long.MAX_VALUE);
        });
        ProducerTemplate template = context.createProducerTemplate();
        String max = String.valueOf(Long.MAX_VALUE);
        Exchange list = template.send(LIST + "&requestTimeout=" + max + "&retryBaseDelay=" + max + "&maxRetryDelay=" + max,
                e -> {
                });
        assertThat(list.getException()).isNull();
        Exchange wait = template.send("hightouch:waitForSyncRun?syncId=7&syncRunId=9&timeout=" + max + "&pollInterval="
                                      + max, e -> {
                                      });
        assertThat(wait.getException()).isNull();
        assertThat(wait.getMessage().getHeader("CamelHightouchSyncRunStatus")).isEqualTo("success");
    }
}
