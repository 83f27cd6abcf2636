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

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchSyncRunException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hightouch-trigger-sync-action Kamelet, loaded from the classpath by camel-kamelet, against WireMock.
 */
@Timeout(60)
class HightouchTriggerSyncActionKameletTest {

    private static final String KEY = "ht-action-key";

    private static WireMockServer wireMock;
    private CamelContext context;

    @BeforeAll
    static void startWireMock() {
        wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @AfterEach
    void stopCamel() {
        if (context != null) {
            context.stop();
        }
        wireMock.resetAll();
    }

    @Test
    void triggersAndWaitsUntilTheRunSucceeds() throws Exception {
        wireMock.stubFor(post("/api/v1/syncs/42/trigger").willReturn(okJson("{\"id\":\"7\"}")));
        runLifecycle("42", "7", "queued", "processing", "success");
        start("kamelet:hightouch-trigger-sync-action?syncId=42&pollInterval=20");

        Exchange exchange = send("the record");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID)).isEqualTo("7");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo("success");
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("status", "success");
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/v1/syncs/42/trigger"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
        wireMock.verify(3, getRequestedFor(urlEqualTo("/api/v1/syncs/42/runs?runId=7")));
    }

    @Test
    void aFailedRunFailsTheExchangeAndKeepsTheRecord() throws Exception {
        wireMock.stubFor(post("/api/v1/syncs/42/trigger").willReturn(okJson("{\"id\":\"9\"}")));
        runLifecycle("42", "9", "queued", "failed");
        start("kamelet:hightouch-trigger-sync-action?syncId=42&pollInterval=20");

        Exchange exchange = send("the record");

        assertThat(exchange.getException()).isInstanceOf(HightouchSyncRunException.class);
        assertThat(((HightouchSyncRunException) exchange.getException()).getStatus()).isEqualTo("failed");
        assertThat(exchange.getMessage().getBody()).isEqualTo("the record");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo("failed");
    }

    @Test
    void triggersBySlugWithFlagsWithoutWaiting() throws Exception {
        wireMock.stubFor(post("/api/v1/syncs/trigger").willReturn(okJson("{\"id\":\"11\"}")));
        start("kamelet:hightouch-trigger-sync-action?syncSlug=nightly-crm&waitForCompletion=false&fullResync=true");

        Exchange exchange = send("the record");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID)).isEqualTo("11");
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("id", "11");
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/v1/syncs/trigger"))
                .withRequestBody(equalToJson("{\"syncSlug\":\"nightly-crm\",\"fullResync\":true}")));
        wireMock.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/syncs/11/runs")));
    }

    @Test
    void theSyncCanComeFromTheMessageHeader() throws Exception {
        wireMock.stubFor(post("/api/v1/syncs/99/trigger").willReturn(okJson("{\"id\":\"12\"}")));
        start("kamelet:hightouch-trigger-sync-action?waitForCompletion=false");

        Exchange exchange = context.createProducerTemplate().request("direct:in", e -> {
            e.getMessage().setHeader(HightouchConstants.SYNC_ID, "99");
            e.getMessage().setBody("the record");
        });

        assertThat(exchange.getException()).isNull();
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/v1/syncs/99/trigger")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDefinitionIsAnActionWithTheKeyAsACredential() throws Exception {
        Map<String, Object> kamelet;
        try (InputStream in = getClass().getResourceAsStream("/kamelets/hightouch-trigger-sync-action.kamelet.yaml")) {
            assertThat(in).as("kamelets/hightouch-trigger-sync-action.kamelet.yaml on the classpath").isNotNull();
            kamelet = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        }
        Map<String, Object> metadata = (Map<String, Object>) kamelet.get("metadata");
        assertThat((Map<String, Object>) metadata.get("labels")).containsEntry("camel.apache.org/kamelet.type", "action");
        Map<String, Object> definition = (Map<String, Object>) ((Map<String, Object>) kamelet.get("spec")).get("definition");
        assertThat((List<Object>) definition.get("required")).containsExactly("apiKey");
        Map<String, Object> apiKey = (Map<String, Object>) ((Map<String, Object>) definition.get("properties")).get("apiKey");
        assertThat(apiKey).containsEntry("format", "password");
        assertThat((List<Object>) apiKey.get("x-descriptors")).contains("urn:camel:group:credentials");
    }

    private void start(String kameletUri) throws Exception {
        context = new DefaultCamelContext();
        Properties initial = new Properties();
        initial.put("camel.kamelet.hightouch-trigger-sync-action.apiKey", KEY);
        initial.put("camel.kamelet.hightouch-trigger-sync-action.baseUrl", "http://127.0.0.1:" + wireMock.port() + "/api/v1");
        context.getPropertiesComponent().setInitialProperties(initial);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("trigger-sync").to(kameletUri);
            }
        });
        context.start();
    }

    private Exchange send(Object body) {
        return context.createProducerTemplate().request("direct:in", e -> e.getMessage().setBody(body));
    }

    /** The run goes through the statuses, one per poll. */
    private static void runLifecycle(String syncId, String runId, String... statuses) {
        String scenario = "run-" + syncId + "-" + runId;
        for (int i = 0; i < statuses.length; i++) {
            ScenarioMappingBuilder stub = get(urlPathEqualTo("/api/v1/syncs/" + syncId + "/runs"))
                    .withQueryParam("runId", equalTo(runId))
                    .inScenario(scenario).whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i)
                    .willReturn(okJson("{\"data\":[{\"id\":" + runId + ",\"status\":\"" + statuses[i]
                                       + "\",\"createdAt\":\"2024-05-01T10:00:00Z\"}],\"hasMore\":false}"));
            if (i + 1 < statuses.length) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            wireMock.stubFor(stub);
        }
    }
}
