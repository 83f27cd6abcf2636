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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelhightouch.HightouchEndpoint;
import io.github.camelhightouch.HightouchOnConflict;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pipe examples under examples/pipes, as written, loaded by Camel's YAML DSL with the shipped Kamelets: each
 * property a Pipe sets is a property of its Kamelet, and each Pipe runs against the component's stand-in. To run here,
 * the end that is not Hightouch (a file or timer source, a log sink) is swapped for a direct or mock endpoint; the
 * Kamelet part is loaded unchanged.
 */
@Timeout(60)
class PipeExamplesTest {

    private static final Path PIPES = Paths.get("examples", "pipes");

    @RegisterExtension
    @Order(1)
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET, HightouchStandIn.WRITE_KEY_SECRET)
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
    @SuppressWarnings("unchecked")
    void thereIsAPipePerKameletAndEachSetsOnlyPropertiesOfItsKamelet() throws Exception {
        List<Path> pipes;
        try (Stream<Path> files = Files.list(PIPES)) {
            pipes = files.filter(f -> f.toString().endsWith("-pipe.yaml")).sorted().toList();
        }
        assertThat(pipes).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "hightouch-sink-pipe.yaml", "hightouch-trigger-sync-action-pipe.yaml",
                "hightouch-sync-runs-source-pipe.yaml", "hightouch-events-sink-pipe.yaml");
        for (Path pipe : pipes) {
            Map<String, Object> spec = (Map<String, Object>) load(Files.readString(pipe)).get("spec");
            Map<String, Object> kameletEnd = kameletEnd(spec);
            String name = (String) ((Map<String, Object>) kameletEnd.get("ref")).get("name");
            assertThat(pipe.getFileName().toString()).isEqualTo(name + "-pipe.yaml");
            Map<String, Object> declared = kameletProperties(name);
            assertThat(declared).as(name + " properties").containsKeys(
                    ((Map<String, Object>) kameletEnd.get("properties")).keySet().toArray(String[]::new));
            // secrets never in a Pipe file: they come from the application properties
            assertThat(Files.readString(pipe)).doesNotContainPattern("(?m)^\\s+(apiKey|writeKey):");
        }
    }

    @Test
    void theSinkPipeCreatesASourceAndConvergesOnConflict() throws Exception {
        HIGHTOUCH.server().stubFor(post("/api/v1/sources").willReturn(okJson("{\"id\":77,\"slug\":\"pg\"}")));
        start("hightouch-sink-pipe.yaml", "direct:pipe", null, Map.of(
                "camel.kamelet.hightouch-sink.apiKey", HightouchStandIn.API_KEY,
                "camel.kamelet.hightouch-sink.baseUrl", HIGHTOUCH.baseUrl()));

        Exchange exchange = context.createProducerTemplate().request("direct:pipe", e -> e.getMessage().setBody(
                "{\"name\":\"pg\",\"slug\":\"pg\",\"type\":\"postgres\",\"configuration\":{\"host\":\"db\"}}"));

        assertThat(exchange.getException()).isNull();
        HIGHTOUCH.server().verify(1, postRequestedFor(urlEqualTo("/api/v1/sources"))
                .withHeader("Authorization", equalTo("Bearer " + HightouchStandIn.API_KEY))
                .withRequestBody(equalToJson("{\"name\":\"pg\",\"slug\":\"pg\",\"type\":\"postgres\","
                                             + "\"configuration\":{\"host\":\"db\"}}")));
        assertThat(context.getEndpoints()).filteredOn(HightouchEndpoint.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((HightouchEndpoint) e).getOptions().getOnConflict())
                        .isEqualTo(HightouchOnConflict.update));
    }

    @Test
    void theTriggerPipeTriggersTheSyncAndHandsTheFinishedRunOn() throws Exception {
        HIGHTOUCH.server().stubFor(post("/api/v1/syncs/42/trigger").willReturn(okJson("{\"id\":\"7\"}")));
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo("/api/v1/syncs/42/runs")).withQueryParam("runId", equalTo("7"))
                .willReturn(okJson(page(run("7", "success")))));
        MockEndpoint out = start("hightouch-trigger-sync-action-pipe.yaml", "direct:pipe", "mock:out", Map.of(
                "camel.kamelet.hightouch-trigger-sync-action.apiKey", HightouchStandIn.API_KEY,
                "camel.kamelet.hightouch-trigger-sync-action.baseUrl", HIGHTOUCH.baseUrl(),
                "camel.kamelet.hightouch-trigger-sync-action.pollInterval", "20"));
        out.expectedMessageCount(1);

        context.createProducerTemplate().sendBody("direct:pipe", "tick");

        out.assertIsSatisfied(TimeUnit.SECONDS.toMillis(20));
        assertThat(out.getReceivedExchanges().get(0).getMessage().getBody(Map.class)).containsEntry("status", "success");
        HIGHTOUCH.server().verify(1, postRequestedFor(urlEqualTo("/api/v1/syncs/42/trigger")));
    }

    @Test
    void theSyncRunsPipeEmitsTheFinishedRunsOfSync42AsJson() throws Exception {
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo("/api/v1/syncs/42/runs"))
                .willReturn(okJson(page(run("5", "processing"), run("4", "success")))));
        MockEndpoint out = start("hightouch-sync-runs-source-pipe.yaml", null, "mock:out", Map.of(
                "camel.kamelet.hightouch-sync-runs-source.apiKey", HightouchStandIn.API_KEY,
                "camel.kamelet.hightouch-sync-runs-source.baseUrl", HIGHTOUCH.baseUrl()));
        out.expectedMessageCount(1);

        out.assertIsSatisfied(TimeUnit.SECONDS.toMillis(20));
        String body = out.getReceivedExchanges().get(0).getMessage().getBody(String.class);
        assertThat(new ObjectMapper().readTree(body).path("id").asText()).isEqualTo("4");
    }

    @Test
    void theEventsPipeSendsEachMessageAsATrackEvent() throws Exception {
        start("hightouch-events-sink-pipe.yaml", "direct:pipe", null, Map.of(
                "camel.kamelet.hightouch-events-sink.writeKey", HightouchStandIn.WRITE_KEY,
                "camel.kamelet.hightouch-events-sink.eventsUrl", HIGHTOUCH.eventsUrl()));

        Exchange exchange = context.createProducerTemplate().request("direct:pipe",
                e -> e.getMessage().setBody("{\"userId\":\"u1\",\"event\":\"Signed Up\"}"));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.events().acceptedEvents()).singleElement().satisfies(event -> {
            assertThat(event.path("type").asText()).isEqualTo("track");
            assertThat(event.path("userId").asText()).isEqualTo("u1");
        });
    }

    /** Loads the Pipe with its non-Hightouch source and sink (when given) swapped for test endpoints. */
    @SuppressWarnings("unchecked")
    private MockEndpoint start(String file, String source, String sink, Map<String, String> properties) throws Exception {
        Map<String, Object> pipe = load(Files.readString(PIPES.resolve(file)));
        Map<String, Object> spec = (Map<String, Object>) pipe.get("spec");
        if (source != null) {
            assertThat((Map<String, Object>) spec.get("source")).containsKey("uri");
            spec.put("source", Map.of("uri", source));
        }
        if (sink != null) {
            assertThat((Map<String, Object>) spec.get("sink")).containsKey("uri");
            spec.put("sink", Map.of("uri", sink));
        }
        String yaml = new Dump(DumpSettings.builder().build()).dumpToString(pipe);
        context = new DefaultCamelContext();
        Properties initial = new Properties();
        initial.putAll(properties);
        context.getPropertiesComponent().setInitialProperties(initial);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(file, yaml));
        context.start();
        return sink == null ? null : context.getEndpoint(sink, MockEndpoint.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> kameletEnd(Map<String, Object> spec) {
        for (String end : List.of("source", "sink")) {
            Map<String, Object> candidate = (Map<String, Object>) spec.get(end);
            if (candidate.containsKey("ref")) {
                return candidate;
            }
        }
        List<Object> steps = (List<Object>) spec.get("steps");
        return (Map<String, Object>) steps.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> kameletProperties(String name) throws Exception {
        try (InputStream in = PipeExamplesTest.class.getResourceAsStream("/kamelets/" + name + ".kamelet.yaml")) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            Map<String, Object> kamelet = load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, Object> definition = (Map<String, Object>) ((Map<String, Object>) kamelet.get("spec")).get("definition");
            return (Map<String, Object>) definition.get("properties");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String yaml) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    private static String page(String... runs) {
        return "{\"data\":[" + String.join(",", runs) + "],\"hasMore\":false}";
    }

    private static String run(String id, String status) {
        return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"createdAt\":\"2024-05-01T10:00:00Z\"}";
    }
}
