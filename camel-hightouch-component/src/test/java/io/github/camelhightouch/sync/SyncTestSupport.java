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
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelhightouch.HightouchComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Camel context with the hightouch component pointed at a WireMock stand-in on 127.0.0.1; after each test, every
 * request the stand-in received is validated against Hightouch's OpenAPI description.
 */
abstract class SyncTestSupport {

    static final String API_KEY = "sync-test-key-0123456789";
    static final String API = "/api/v1";

    static WireMockServer wireMock;

    CamelContext context;
    ProducerTemplate template;
    HightouchComponent component;

    @BeforeAll
    static void startWireMock() {
        wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(40)
                .asynchronousResponseEnabled(false));
        wireMock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @BeforeEach
    void startCamel() throws Exception {
        wireMock.resetAll();
        context = new DefaultCamelContext();
        component = new HightouchComponent();
        component.getConfiguration().setApiKey(API_KEY);
        component.getConfiguration().setBaseUrl("http://127.0.0.1:" + wireMock.port() + API);
        context.addComponent("hightouch", component);
        configure(context);
        context.start();
        template = context.createProducerTemplate();
    }

    /** Adds routes or changes the component before the context starts. */
    void configure(CamelContext context) throws Exception {
    }

    @AfterEach
    void stopCamelAndCheckContract() throws Exception {
        if (context != null) {
            context.close();
        }
        List<String> problems = SyncContractValidation.violations(wireMock);
        assertThat(problems).as("requests that violate Hightouch's OpenAPI description").isEmpty();
    }

    /** Sends a body to an endpoint and returns the exchange (failed or not). */
    Exchange send(String uri, Object body, Map<String, Object> headers) {
        return template.request(uri, e -> {
            e.getMessage().setBody(body);
            headers.forEach(e.getMessage()::setHeader);
        });
    }

    /**
     * Stubs the runs of a sync so that each poll of {@code GET /syncs/{syncId}/runs?runId=} sees the next status; the
     * last one stays. A null status answers an empty run list (the run is not visible yet).
     */
    static void runLifecycle(String syncId, String runId, String... statuses) {
        String scenario = "run-" + syncId + "-" + runId;
        for (int i = 0; i < statuses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "poll-" + i;
            ScenarioMappingBuilder stub = get(urlPathEqualTo(API + "/syncs/" + syncId + "/runs"))
                    .withQueryParam("runId", equalTo(runId))
                    .inScenario(scenario).whenScenarioStateIs(state)
                    .willReturn(okJson(runPage(runId, statuses[i])));
            if (i + 1 < statuses.length) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            wireMock.stubFor(stub);
        }
    }

    /** A run list page with one run in the given status, or none for a null status. */
    static String runPage(String runId, String status) {
        if (status == null) {
            return "{\"data\":[],\"hasMore\":false}";
        }
        return "{\"data\":[" + run(runId, status) + "],\"hasMore\":false}";
    }

    /** A run as Hightouch describes it, with one field no spec knows. */
    static String run(String runId, String status) {
        boolean failed = "failed".equals(status) || "warning".equals(status);
        return "{\"id\":" + runId + ",\"createdAt\":\"2024-05-01T10:00:00Z\",\"startedAt\":\"2024-05-01T10:00:01Z\","
               + "\"finishedAt\":\"2024-05-01T10:05:00Z\",\"querySize\":120,\"status\":\"" + status + "\","
               + "\"completionRatio\":1,\"plannedRows\":{\"addedCount\":100,\"changedCount\":20,\"removedCount\":0},"
               + "\"successfulRows\":{\"addedCount\":" + (failed ? 90 : 100) + ",\"changedCount\":20,\"removedCount\":0},"
               + "\"failedRows\":{\"addedCount\":" + (failed ? 10 : 0) + ",\"changedCount\":0,\"removedCount\":0}"
               + (failed ? ",\"error\":\"10 rows were rejected\"" : "") + ",\"newFieldFromTheFuture\":true}";
    }
}
