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
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.camelhightouch.sync.SyncRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class SyncRunsConsumerTest extends HightouchContextTestSupport {

    /** The consumer's URI of the current test, set before the context starts. */
    private static final AtomicReference<String> CONSUMER = new AtomicReference<>();

    @Override
    protected void configure(CamelContext context) throws Exception {
        String uri = CONSUMER.get();
        if (uri != null) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("runs").autoStartup(false).to("mock:runs");
                }
            });
        }
    }

    /** Polls of the runs of sync 42: run 1 moves on, run 2 appears, one poll fails, then both finish. */
    private static void stubPolls() {
        String[] pages = {
                page(run("1", "queued")),
                page(run("1", "processing"), run("2", "queued")),
                null,
                page(run("1", "success"), run("2", "queued")),
                page(run("1", "success"), run("2", "success")) };
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
        long deadline = System.currentTimeMillis() + 20_000;
        while (wireMock().countRequestsMatching(getRequestedFor(urlPathEqualTo(API + path)).build()).getCount() < polls) {
            assertThat(System.currentTimeMillis()).as("polls made in time").isLessThan(deadline);
            Thread.sleep(20);
        }
        context.getRouteController().stopRoute("runs");
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

    private void restart() throws Exception {
        context.close();
        startCamel();
    }
}
