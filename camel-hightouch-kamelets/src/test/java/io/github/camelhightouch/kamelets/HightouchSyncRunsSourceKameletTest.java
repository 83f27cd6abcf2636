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
package io.github.camelhightouch.kamelets;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.testing.ApiKeyLeaks;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hightouch-sync-runs-source Kamelet, loaded from the classpath by camel-kamelet, polling the component's Hightouch
 * stand-in: one JSON message per run and status (or per finished run), the key only in the Authorization header.
 */
@Timeout(60)
class HightouchSyncRunsSourceKameletTest {

    private static final String KAMELET = "hightouch-sync-runs-source";

    /** Fails a test that logs the key; registered first, so it also sees what happens while the stand-in tidies up. */
    @RegisterExtension
    @Order(1)
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET)
            // Camel core prints resolved Kamelet parameters at DEBUG: the README says to keep these at INFO
            .unchecked("org.apache.camel.component.properties.DefaultPropertiesParser",
                    "org.apache.camel.impl.engine.DefaultCamelContextExtension");

    @RegisterExtension
    @Order(2)
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn();

    private CamelContext context;

    @AfterEach
    void stopCamel() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void emitsEachStatusOfARunAsJsonWithTheRunHeaders() throws Exception {
        runsOfSync42(page(run("7", "queued")), page(run("7", "processing")), page(run("7", "success")));
        MockEndpoint runs = start("kamelet:" + KAMELET + "?syncId=42&delay=50");
        runs.expectedMinimumMessageCount(3);

        runs.assertIsSatisfied(TimeUnit.SECONDS.toMillis(20));

        List<Exchange> received = runs.getReceivedExchanges();
        assertThat(received.subList(0, 3)).extracting(e -> e.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS))
                .containsExactly("queued", "processing", "success");
        Exchange last = received.get(2);
        assertThat(last.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID)).hasToString("7");
        assertThat(String.valueOf(last.getMessage().getHeader(HightouchConstants.SYNC_ID))).isEqualTo("42");
        // the out type is application/json: the body is the run as JSON text, not a Map
        JsonNode body = new ObjectMapper().readTree(last.getMessage().getBody(String.class));
        assertThat(body.path("status").asText()).isEqualTo("success");
        assertThat(body.path("id").asText()).isEqualTo("7");
        received.forEach(e -> ApiKeyLeaks.assertNotIn(e, HightouchStandIn.API_KEY_SECRET));
        HIGHTOUCH.server().verify(getRequestedFor(urlPathEqualTo("/api/v1/syncs/42/runs"))
                .withHeader("Authorization", equalTo("Bearer " + HightouchStandIn.API_KEY)));
    }

    @Test
    void terminalOnlyEmitsTheFinishedRunOnce() throws Exception {
        runsOfSync42(page(run("9", "processing")), page(run("9", "failed")));
        MockEndpoint runs = start("kamelet:" + KAMELET + "?syncId=42&delay=50&terminalOnly=true");
        runs.expectedMinimumMessageCount(1);

        runs.assertIsSatisfied(TimeUnit.SECONDS.toMillis(20));
        // a few more polls of the final page: the finished run is not emitted again
        long polls = pollsOfSync42();
        while (pollsOfSync42() < polls + 3) {
            Thread.sleep(20);
        }

        assertThat(runs.getReceivedExchanges()).hasSize(1);
        assertThat(runs.getReceivedExchanges().get(0).getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS))
                .isEqualTo("failed");
    }

    @Test
    void withoutAnApiKeyTheRouteDoesNotStartAndSaysWhatIsMissing() {
        assertThatThrownBy(() -> start("kamelet:" + KAMELET + "?syncId=42", Map.of(
                "camel.kamelet." + KAMELET + ".baseUrl", HIGHTOUCH.baseUrl())))
                .hasStackTraceContaining("apiKey");
        assertThat(HIGHTOUCH.server().getAllServeEvents()).isEmpty();
    }

    private MockEndpoint start(String uri) throws Exception {
        return start(uri, Map.of("camel.kamelet." + KAMELET + ".apiKey", HightouchStandIn.API_KEY,
                "camel.kamelet." + KAMELET + ".baseUrl", HIGHTOUCH.baseUrl()));
    }

    private MockEndpoint start(String uri, Map<String, String> properties) throws Exception {
        context = new DefaultCamelContext();
        Properties initial = new Properties();
        initial.putAll(properties);
        context.getPropertiesComponent().setInitialProperties(initial);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("runs").to("mock:runs");
            }
        });
        context.start();
        return context.getEndpoint("mock:runs", MockEndpoint.class);
    }

    private static long pollsOfSync42() {
        return HIGHTOUCH.server().findAll(getRequestedFor(urlPathEqualTo("/api/v1/syncs/42/runs"))).size();
    }

    /** Each poll of the runs of sync 42 sees the next page; the last one stays. */
    private static void runsOfSync42(String... pages) {
        for (int i = 0; i < pages.length; i++) {
            ScenarioMappingBuilder stub = get(urlPathEqualTo("/api/v1/syncs/42/runs")).inScenario("polls")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i).willReturn(okJson(pages[i]));
            if (i + 1 < pages.length) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            HIGHTOUCH.server().stubFor(stub);
        }
    }

    private static String page(String... runs) {
        return "{\"data\":[" + String.join(",", runs) + "],\"hasMore\":false}";
    }

    private static String run(String id, String status) {
        return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"createdAt\":\"2024-05-01T10:00:00Z\"}";
    }
}
