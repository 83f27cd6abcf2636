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
package io.github.camelhightouch.example.springboot;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.camelhightouch.HightouchConstants;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example application as it runs, on a random port, with application.properties and the base URL pointed at a
 * WireMock Hightouch on 127.0.0.1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "camel.component.hightouch.api-key=" + HightouchExampleApplicationTest.KEY)
class HightouchExampleApplicationTest {

    static final String KEY = "example-secret-key-91c2";

    private static WireMockServer wireMock;

    @Autowired
    private ProducerTemplate producerTemplate;

    @Autowired
    private TestRestTemplate http;

    @DynamicPropertySource
    static void hightouchOnLoopback(DynamicPropertyRegistry registry) {
        if (wireMock == null) {
            wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            wireMock.start();
        }
        registry.add("camel.component.hightouch.base-url", () -> "http://127.0.0.1:" + wireMock.port() + "/api/v1");
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @BeforeEach
    void resetWireMock() {
        wireMock.resetAll();
    }

    @Test
    void theRouteCreatesASourceWithTheConfiguredKey() {
        wireMock.stubFor(post("/api/v1/sources").willReturn(okJson("{\"id\":321,\"slug\":\"warehouse\"}")));

        Exchange exchange = producerTemplate.request("direct:createSource", e -> e.getMessage().setBody(Map.of(
                "name", "Warehouse", "slug", "warehouse", "type", "postgres", "configuration", Map.of("host", "db"))));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(321);
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/v1/sources"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withRequestBody(equalToJson("{\"name\":\"Warehouse\",\"slug\":\"warehouse\",\"type\":\"postgres\","
                                             + "\"configuration\":{\"host\":\"db\"}}")));
    }

    @Test
    void actuatorHealthShowsTheHightouchCheckUp() throws Exception {
        wireMock.stubFor(get(urlEqualTo("/api/v1/sources?limit=1")).willReturn(okJson("{\"data\":[]}")));

        ResponseEntity<String> response = http.getForEntity("/actuator/health", String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode camel = camelHealth(response.getBody());
        assertThat(camel.path("status").asText()).isEqualTo("UP");
        assertThat(camel.path("details").path("producer:hightouch").asText()).isEqualTo("UP");
        wireMock.verify(getRequestedFor(urlEqualTo("/api/v1/sources?limit=1"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void actuatorHealthShowsTheHightouchCheckDownWhenTheKeyIsRejected() throws Exception {
        wireMock.stubFor(get(urlEqualTo("/api/v1/sources?limit=1"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Unauthorized\"}")));

        ResponseEntity<String> response = http.getForEntity("/actuator/health", String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        JsonNode camel = camelHealth(response.getBody());
        assertThat(camel.path("status").asText()).isEqualTo("DOWN");
        assertThat(camel.path("details").path("producer:hightouch").asText()).isEqualTo("DOWN");
        assertThat(response.getBody()).contains("unauthorized").doesNotContain(KEY);
    }

    /**
     * The health contributor of Camel: the one whose details list the Camel checks.
     */
    private static JsonNode camelHealth(String body) throws Exception {
        JsonNode components = new ObjectMapper().readTree(body).path("components");
        for (JsonNode component : components) {
            if (component.path("details").has("producer:hightouch")) {
                return component;
            }
        }
        throw new AssertionError("no health contributor lists producer:hightouch in " + body);
    }
}
