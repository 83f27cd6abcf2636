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
package io.github.camelhightouch.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelhightouch.HightouchBatchException;
import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchTransportException;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import io.github.camelhightouch.testing.StandInWorkspace;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A converging create is up to three requests (POST, lookup, PATCH), each bounded by requestTimeout: an exchange
 * whose lookup or PATCH hangs ends within its time limits, and when the context stops, with a transport failure that
 * says whether the request may have been sent; a List stops there too, reporting the outcomes so far.
 */
class ConvergeTimeLimitsTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().serverPerTest();

    private static Map<String, Object> source(String slug) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", "Source " + slug);
        record.put("slug", slug);
        record.put("type", "postgres");
        record.put("configuration", Map.of("host", "db"));
        return record;
    }

    private static CamelContext started(long requestTimeout) {
        CamelContext context = HIGHTOUCH.newContext();
        context.getComponent("hightouch", HightouchComponent.class).getConfiguration().setRequestTimeout(requestTimeout);
        context.start();
        return context;
    }

    private static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition not met within 10 s").isNegative();
            Thread.sleep(20);
        }
    }

    @ParameterizedTest(name = "{0} hangs")
    @ValueSource(strings = { "GET", "PATCH" })
    void aHangingStepEndsWithinRequestTimeout(String method) throws Exception {
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH);
        workspace.add("sources", source("pg"));
        // the retries of the hanging step spend the same requestTimeout
        for (int i = 0; i < 4; i++) {
            workspace.answerNext(method, "sources", responseDefinition().withStatus(200).withFixedDelay(20_000).build(),
                    false);
        }
        CamelContext context = started(1_000);
        long start = System.nanoTime();

        Exchange exchange = context.createProducerTemplate().request("hightouch:createSource?onConflict=update",
                e -> e.getMessage().setBody(source("pg")));

        assertThat(exchange.getException()).isInstanceOf(HightouchTransportException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("three steps of 1 s at most")
                .isLessThan(10_000);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME)).isNull();
    }

    @ParameterizedTest(name = "{0} on the wire")
    @ValueSource(strings = { "POST", "GET", "PATCH" })
    void aStepOnTheWireEndsWhenTheContextStops(String method) throws Exception {
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH);
        workspace.add("sources", source("pg"));
        workspace.answerNext(method, "sources", responseDefinition().withStatus(200).withFixedDelay(20_000).build(), false);
        CamelContext context = started(120_000);
        CompletableFuture<Exchange> call = context.createProducerTemplate().asyncSend(
                "hightouch:createSource?onConflict=update", e -> e.getMessage().setBody(source("pg")));
        until(() -> HIGHTOUCH.requests().stream().anyMatch(r -> r.getMethod().getName().equals(method)));

        long stopping = System.nanoTime();
        context.stop();

        Exchange exchange = call.get(5, TimeUnit.SECONDS);
        assertThat(exchange.getException()).isInstanceOf(HightouchTransportException.class);
        assertThat(((HightouchTransportException) exchange.getException()).isOutcomeUnknown()).isTrue();
        assertThat(exchange.getException().getMessage()).contains("stopping");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping)).isLessThan(5_000);
    }

    @Test
    void aListStoppedMidwayReportsWhatWasDone() throws Exception {
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH);
        workspace.add("sources", source("b"));
        workspace.answerNext("PATCH", "sources", responseDefinition().withStatus(200).withFixedDelay(20_000).build(),
                false);
        CamelContext context = started(120_000);
        CompletableFuture<Exchange> call = context.createProducerTemplate().asyncSend(
                "hightouch:createSource?onConflict=update",
                e -> e.getMessage().setBody(List.of(source("a"), source("b"), source("c"))));
        until(() -> HIGHTOUCH.requests().stream().anyMatch(r -> r.getMethod().getName().equals("PATCH")));

        context.stop();

        Exchange exchange = call.get(5, TimeUnit.SECONDS);
        assertThat(exchange.getException()).isInstanceOf(HightouchBatchException.class);
        HightouchBatchException e = (HightouchBatchException) exchange.getException();
        assertThat(e.getFailedIndex()).isEqualTo(1);
        assertThat(e.getCause()).isInstanceOf(HightouchTransportException.class);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME)).isEqualTo(List.of("created"));
        assertThat(workspace.all("sources")).hasSize(2);
    }
}
