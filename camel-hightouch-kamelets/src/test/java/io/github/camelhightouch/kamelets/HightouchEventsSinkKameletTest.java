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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelhightouch.testing.ApiKeyLeaks;
import io.github.camelhightouch.testing.EventsStandIn;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hightouch-events-sink Kamelet, loaded from the classpath by camel-kamelet, against the Events API of the
 * component's stand-in (HTTP Basic with the write key, 401 otherwise): events batched as the Kamelet's properties say,
 * the write key only in the events Authorization header, the REST API key never sent.
 */
@Timeout(60)
class HightouchEventsSinkKameletTest {

    private static final String KAMELET = "hightouch-events-sink";

    @RegisterExtension
    @Order(1)
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.WRITE_KEY_SECRET, HightouchStandIn.API_KEY_SECRET)
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
    void tracksEachMessageByDefault() throws Exception {
        start("kamelet:" + KAMELET + "?lingerMs=0");

        for (int i = 0; i < 3; i++) {
            Exchange exchange = send(Map.of("userId", "u" + i, "event", "Signed Up"));
            assertThat(exchange.getException()).isNull();
            ApiKeyLeaks.assertNotIn(exchange, HightouchStandIn.WRITE_KEY_SECRET);
        }

        List<JsonNode> events = HIGHTOUCH.events().acceptedEvents();
        assertThat(events).hasSize(3).allSatisfy(event -> {
            assertThat(event.path("type").asText()).isEqualTo("track");
            assertThat(event.path("event").asText()).isEqualTo("Signed Up");
        });
        assertThat(events).extracting(event -> event.path("userId").asText()).containsExactly("u0", "u1", "u2");
    }

    @Test
    void theOperationAndBatchSizeComeFromTheKameletProperties() throws Exception {
        // lingerMs far above the test: only batchSize can make these batches go
        start("kamelet:" + KAMELET + "?operation=identify&batchSize=2&lingerMs=30000");

        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> body = Map.of("userId", "u" + i, "traits", Map.of("plan", "pro"));
            sent.add(context.createProducerTemplate().asyncSend("direct:in", e -> {
                e.setPattern(ExchangePattern.InOut);
                e.getMessage().setBody(body);
            }));
        }
        for (CompletableFuture<Exchange> future : sent) {
            assertThat(future.get(30, TimeUnit.SECONDS).getException()).isNull();
        }

        assertThat(HIGHTOUCH.events().accepted()).extracting(EventsStandIn.ReceivedBatch::size).containsExactly(2, 2);
        assertThat(HIGHTOUCH.events().acceptedEvents())
                .allSatisfy(event -> assertThat(event.path("type").asText()).isEqualTo("identify"));
    }

    @Test
    void aWrongWriteKeyFailsTheExchangeAndKeepsTheEvent() throws Exception {
        start("kamelet:" + KAMELET + "?lingerMs=0", Map.of(
                "camel.kamelet." + KAMELET + ".writeKey", "wk-wrong-" + HightouchStandIn.WRITE_KEY_SECRET + "-x",
                "camel.kamelet." + KAMELET + ".eventsUrl", HIGHTOUCH.eventsUrl()));
        Map<String, Object> event = Map.of("userId", "u1", "event", "Signed Up");

        Exchange exchange = send(event);

        assertThat(exchange.getException()).isNotNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(event);
        // a Kamelet hands the key to the component in the endpoint URI, and Camel core keeps that URI, as written, in
        // the exchange properties CamelToEndpoint and CamelFailureEndpoint (see the README); nowhere else
        ApiKeyLeaks.assertNotInMessageOfUriKeyedEndpoint(exchange, HightouchStandIn.WRITE_KEY_SECRET);
        assertThat(String.valueOf(exchange.getException())).doesNotContain(HightouchStandIn.WRITE_KEY_SECRET);
        assertThat(HIGHTOUCH.events().accepted()).isEmpty();
        assertThat(HIGHTOUCH.events().received()).isNotEmpty()
                .allSatisfy(batch -> assertThat(batch.status()).isEqualTo(401));
    }

    @Test
    void withoutAWriteKeyTheRouteDoesNotStartAndSaysWhatIsMissing() {
        assertThatThrownBy(() -> start("kamelet:" + KAMELET, Map.of(
                "camel.kamelet." + KAMELET + ".eventsUrl", HIGHTOUCH.eventsUrl())))
                .hasStackTraceContaining("writeKey");
        assertThat(HIGHTOUCH.server().getAllServeEvents()).isEmpty();
    }

    private void start(String uri) throws Exception {
        start(uri, Map.of("camel.kamelet." + KAMELET + ".writeKey", HightouchStandIn.WRITE_KEY,
                "camel.kamelet." + KAMELET + ".eventsUrl", HIGHTOUCH.eventsUrl()));
    }

    private void start(String uri, Map<String, String> properties) throws Exception {
        context = new DefaultCamelContext();
        Properties initial = new Properties();
        initial.putAll(properties);
        context.getPropertiesComponent().setInitialProperties(initial);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("events").to(uri);
            }
        });
        context.start();
    }

    private Exchange send(Object body) {
        return context.createProducerTemplate().request("direct:in", e -> e.getMessage().setBody(body));
    }
}
