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

import java.util.Map;
import java.util.Properties;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.camelhightouch.HightouchProducerHealthCheck;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection check where a Kamelet user puts the key: only on the Kamelet, none on the component. The check
 * probes the key of the started endpoint inside the Kamelet's route, as it does for a key set on an endpoint.
 */
class KameletHealthCheckTest {

    private static final String KEY = "ht-kamelet-only-key-5b1e";

    @RegisterExtension
    @Order(1)
    static final LogCapture LOGS = new LogCapture().forbid(KEY)
            // Camel core prints resolved Kamelet parameters at DEBUG: the README says to keep these at INFO
            .unchecked("org.apache.camel.component.properties.DefaultPropertiesParser",
                    "org.apache.camel.impl.engine.DefaultCamelContextExtension");

    @RegisterExtension
    @Order(2)
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn();

    private WireMockServer wireMock;
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
    void upWithTheKeyOfTheKamelet() throws Exception {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/sources")).withHeader("Authorization", equalTo("Bearer " + KEY))
                .willReturn(okJson("{\"data\":[{\"id\":1}],\"hasMore\":false}")));
        start();

        HealthCheck.Result result = hightouchCheck();

        assertThat(result.getState()).as(String.valueOf(result.getMessage())).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 200);
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/sources"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
        assertNoKeyIn(result);
    }

    @Test
    void downAndUnauthorizedWhenHightouchRefusesTheKamelet() throws Exception {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Invalid API key\"}")));
        start();

        HealthCheck.Result result = hightouchCheck();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry(HightouchProducerHealthCheck.REASON,
                HightouchProducerHealthCheck.REASON_UNAUTHORIZED);
        assertNoKeyIn(result);
    }

    private void start() throws Exception {
        context = new DefaultCamelContext();
        Properties initial = new Properties();
        initial.putAll(Map.of("camel.kamelet.hightouch-sink.apiKey", KEY,
                "camel.kamelet.hightouch-sink.baseUrl", HIGHTOUCH.baseUrl()));
        context.getPropertiesComponent().setInitialProperties(initial);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("to-hightouch").to("kamelet:hightouch-sink");
            }
        });
        context.start();
        // what camel.health.producersEnabled=true does in Camel Main
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        HealthCheckRegistry.get(context).setExposureLevel("full");
    }

    private HealthCheck.Result hightouchCheck() {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("producer:hightouch"))
                .findFirst().orElseThrow(() -> new AssertionError("no producer:hightouch check"));
    }

    private static void assertNoKeyIn(HealthCheck.Result result) {
        assertThat(result.getMessage().orElse("")).doesNotContain(KEY);
        assertThat(String.valueOf(result.getDetails())).doesNotContain(KEY);
        assertThat(result.getError().map(Throwable::toString).orElse("")).doesNotContain(KEY);
    }
}
