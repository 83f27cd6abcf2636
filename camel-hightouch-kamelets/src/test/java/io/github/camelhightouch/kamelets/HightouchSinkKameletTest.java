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
import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import io.github.camelhightouch.testing.StandInWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hightouch-sink Kamelet, loaded from the classpath by camel-kamelet as a user would, against WireMock.
 */
class HightouchSinkKameletTest {

    private static final String KEY = "ht+sink/key=1&x";
    private static final Map<String, Object> SOURCE = Map.of("name", "pg", "slug", "pg", "type", "postgres",
            "configuration", Map.of("host", "db"));

    /** Fails a test that logs a key; registered first, so it also sees what happens while the stand-in tidies up. */
    @RegisterExtension
    @Order(1)
    static final LogCapture LOGS = new LogCapture().forbid("sink/key").forbid("plain-key")
            // Camel core prints resolved Kamelet parameters at DEBUG: the README says to keep these at INFO
            .unchecked("org.apache.camel.component.properties.DefaultPropertiesParser",
                    "org.apache.camel.impl.engine.DefaultCamelContextExtension");

    /** The component's Hightouch stand-in: every request is checked against Hightouch's OpenAPI description. */
    @RegisterExtension
    @Order(2)
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn();

    private static WireMockServer wireMock;
    private CamelContext context;

    @BeforeEach
    void server() {
        wireMock = HIGHTOUCH.server();
    }

    @AfterEach
    void stopCamel() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void createSourceWithTheKeyFromKameletProperties() throws Exception {
        wireMock.stubFor(post("/api/v1/sources").willReturn(okJson("{\"id\":77,\"slug\":\"pg\"}")));
        start("kamelet:hightouch-sink", Map.of(
                "camel.kamelet.hightouch-sink.apiKey", KEY,
                "camel.kamelet.hightouch-sink.baseUrl", baseUrl()));

        Exchange exchange = send(SOURCE);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(77);
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("slug", "pg");
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/v1/sources"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withRequestBody(equalToJson("{\"name\":\"pg\",\"slug\":\"pg\",\"type\":\"postgres\","
                                             + "\"configuration\":{\"host\":\"db\"}}")));
    }

    @Test
    void createModelChosenByTheOperationParameter() throws Exception {
        wireMock.stubFor(post("/api/v1/models").willReturn(okJson("{\"id\":8}")));
        start("kamelet:hightouch-sink?operation=createModel&apiKey=RAW(plain-key)&baseUrl=" + baseUrl(), Map.of());

        Exchange exchange = send(Map.of("name", "users", "slug", "users", "sourceId", 77, "queryType", "raw_sql",
                "isSchema", false, "primaryKey", "id", "raw", Map.of("sql", "select * from users")));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(8);
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/v1/models"))
                .withHeader("Authorization", equalTo("Bearer plain-key")));
    }

    @Test
    void rawCallsThePathWithTheMethod() throws Exception {
        wireMock.stubFor(post("/api/v1/syncs/42/trigger").willReturn(okJson("{\"id\":\"run-1\"}")));
        start("kamelet:hightouch-sink?operation=raw&url=/syncs/42/trigger&httpMethod=POST&apiKey=RAW(plain-key)"
              + "&baseUrl=" + baseUrl(), Map.of());

        Exchange exchange = send(Map.of("fullResync", true));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("id", "run-1");
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/v1/syncs/42/trigger"))
                .withRequestBody(equalToJson("{\"fullResync\":true}")));
    }

    @Test
    void anErrorAnswerFailsTheExchangeUnlessThrowExceptionOnFailureIsFalse() throws Exception {
        wireMock.stubFor(post("/api/v1/sources").willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"slug taken\"}")));
        start("kamelet:hightouch-sink?apiKey=RAW(plain-key)&baseUrl=" + baseUrl(), Map.of());
        assertThat(send(SOURCE).getException()).isInstanceOf(HightouchApiException.class);
        context.stop();

        start("kamelet:hightouch-sink?apiKey=RAW(plain-key)&throwExceptionOnFailure=false&baseUrl=" + baseUrl(),
                Map.of());
        Exchange exchange = send(SOURCE);
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(409);
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("message", "slug taken");
    }

    @Test
    void onConflictUpdateSendsTheRecordToTheSourceThatHasTheSlug() throws Exception {
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH);
        Map<String, Object> existing = new java.util.LinkedHashMap<>(SOURCE);
        existing.put("configuration", Map.of("host", "old-db"));
        long id = workspace.add("sources", existing);
        start("kamelet:hightouch-sink?onConflict=update&apiKey=RAW(plain-key)&baseUrl=" + baseUrl(), Map.of());

        Exchange exchange = send(SOURCE);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME)).isEqualTo("updated");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo((int) id);
        assertThat(workspace.all("sources")).singleElement()
                .satisfies(source -> assertThat(source.path("configuration").path("host").asText()).isEqualTo("db"));
        assertThat(HIGHTOUCH.requests()).extracting(r -> r.getMethod().getName() + " " + r.getUrl())
                .containsExactly("POST /api/v1/sources", "GET /api/v1/sources?slug=pg", "PATCH /api/v1/sources/" + id);
    }

    @Test
    void withoutOnConflictATakenSlugFailsTheExchange() throws Exception {
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH);
        workspace.add("sources", SOURCE);
        start("kamelet:hightouch-sink?apiKey=RAW(plain-key)&baseUrl=" + baseUrl(), Map.of());

        Exchange exchange = send(SOURCE);

        assertThat(exchange.getException()).isInstanceOf(HightouchApiException.class);
        assertThat(exchange.getMessage().getBody()).isEqualTo(SOURCE);
        assertThat(HIGHTOUCH.requests()).hasSize(1);
    }

    @Test
    void withoutAnApiKeyTheRouteDoesNotStartAndSaysWhatIsMissing() {
        assertThatThrownBy(() -> start("kamelet:hightouch-sink?baseUrl=" + baseUrl(), Map.of()))
                .hasStackTraceContaining("mandatory parameters must be provided: apiKey");
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDefinitionMarksTheKeyAsACredentialAndListsTheOperations() throws Exception {
        Map<String, Object> kamelet;
        try (InputStream in = getClass().getResourceAsStream("/kamelets/hightouch-sink.kamelet.yaml")) {
            assertThat(in).as("kamelets/hightouch-sink.kamelet.yaml on the classpath").isNotNull();
            kamelet = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        }
        Map<String, Object> metadata = (Map<String, Object>) kamelet.get("metadata");
        assertThat((Map<String, Object>) metadata.get("labels")).containsEntry("camel.apache.org/kamelet.type", "sink");
        Map<String, Object> spec = (Map<String, Object>) kamelet.get("spec");
        Map<String, Object> definition = (Map<String, Object>) spec.get("definition");
        assertThat((List<Object>) definition.get("required")).containsExactly("apiKey");
        Map<String, Object> properties = (Map<String, Object>) definition.get("properties");
        Map<String, Object> apiKey = (Map<String, Object>) properties.get("apiKey");
        assertThat(apiKey).containsEntry("format", "password");
        assertThat((List<Object>) apiKey.get("x-descriptors")).contains("urn:camel:group:credentials");
        assertThat((List<Object>) ((Map<String, Object>) properties.get("operation")).get("enum"))
                .containsExactly("createSource", "createModel", "raw");
        // the Maven version was filled in at build time
        assertThat(String.valueOf(spec.get("dependencies"))).contains("mvn:io.github.camelhightouch:camel-hightouch:")
                .doesNotContain("${");
    }

    private void start(String kameletUri, Map<String, String> properties) throws Exception {
        context = new DefaultCamelContext();
        Properties initial = new Properties();
        initial.putAll(properties);
        context.getPropertiesComponent().setInitialProperties(initial);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("to-hightouch").to(kameletUri);
            }
        });
        context.start();
    }

    private Exchange send(Object body) {
        return context.createProducerTemplate().request("direct:in", e -> e.getMessage().setBody(body));
    }

    private static String baseUrl() {
        return HIGHTOUCH.baseUrl();
    }

}
