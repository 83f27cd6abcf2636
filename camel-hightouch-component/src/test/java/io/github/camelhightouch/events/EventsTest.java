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
package io.github.camelhightouch.events;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.internal.events.EventLibrary;
import io.github.camelhightouch.testing.EventsStandIn.ReceivedBatch;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events operations end to end against the stand-in's Events API: what the component adds to an event and what
 * it leaves alone, bodies of every type, batching by size and by linger, every operation, and what the exchange holds
 * when Hightouch accepted or refused its batch.
 */
class EventsTest extends HightouchTestSupport {

    private static final String TRACK = "hightouch:track?lingerMs=0";

    private static Map<String, Object> track(String userId, String event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("event", event);
        body.put("properties", Map.of("plan", "pro"));
        return body;
    }

    /** A POJO event, serialized by the component's Jackson mapper. */
    public static final class Signup {
        public String userId = "u-pojo";
        public String event = "Signed Up";
        public Map<String, Object> properties = Map.of("source", "pojo");
    }

    @Test
    void aTrackEventIsEnrichedAndSentInABatchWithTheWriteKey() {
        Exchange exchange = send(TRACK, track("u1", "Order Completed"));

        assertThat(exchange.getException()).isNull();
        List<ReceivedBatch> batches = HIGHTOUCH.events().accepted();
        assertThat(batches).hasSize(1);
        JsonNode body = batches.get(0).body();
        assertThat(body.path("sentAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z");
        JsonNode event = body.path("batch").get(0);
        assertThat(event.path("type").asText()).isEqualTo("track");
        assertThat(event.path("userId").asText()).isEqualTo("u1");
        assertThat(event.path("event").asText()).isEqualTo("Order Completed");
        assertThat(event.path("properties").path("plan").asText()).isEqualTo("pro");
        assertThat(UUID.fromString(event.path("messageId").asText())).isNotNull();
        assertThat(event.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(event.path("context").path("library").path("name").asText()).isEqualTo(EventLibrary.NAME);
        assertThat(event.path("context").path("library").path("version").asText()).isEqualTo(EventLibrary.VERSION);
        // the exchange holds the event as sent
        assertThat(exchange.getMessage().getHeader(HightouchConstants.MESSAGE_ID))
                .isEqualTo(event.path("messageId").asText());
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(200);
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("messageId", event.path("messageId").asText());
        assertThat(HIGHTOUCH.requests()).singleElement().satisfies(request -> {
            assertThat(request.getUrl()).isEqualTo("/v1/batch");
            assertThat(request.getHeader("Authorization")).startsWith("Basic ");
            String credentials = new String(java.util.Base64.getDecoder()
                    .decode(request.getHeader("Authorization").substring(6)), StandardCharsets.UTF_8);
            assertThat(credentials).isEqualTo(HightouchStandIn.WRITE_KEY + ":");
        });
    }

    @Test
    void whatTheUserSetIsNeverOverwritten() {
        Map<String, Object> body = track("u1", "Viewed");
        body.put("type", "track");
        body.put("messageId", "my-id-1");
        body.put("timestamp", "2020-01-02T03:04:05.000Z");
        body.put("context", Map.of("library", Map.of("name", "my-lib", "version", "9"), "ip", "10.0.0.1"));

        Exchange exchange = send(TRACK, body);

        assertThat(exchange.getException()).isNull();
        JsonNode event = HIGHTOUCH.events().acceptedEvents().get(0);
        assertThat(event.path("messageId").asText()).isEqualTo("my-id-1");
        assertThat(event.path("timestamp").asText()).isEqualTo("2020-01-02T03:04:05.000Z");
        assertThat(event.path("context").path("library").path("name").asText()).isEqualTo("my-lib");
        assertThat(event.path("context").path("ip").asText()).isEqualTo("10.0.0.1");
    }

    @Test
    void aContextWithoutLibraryGetsTheLibraryAndKeepsTheRest() {
        Map<String, Object> body = track("u1", "Viewed");
        body.put("context", Map.of("locale", "fr-FR"));

        assertThat(send(TRACK, body).getException()).isNull();

        JsonNode context = HIGHTOUCH.events().acceptedEvents().get(0).path("context");
        assertThat(context.path("locale").asText()).isEqualTo("fr-FR");
        assertThat(context.path("library").path("name").asText()).isEqualTo("camel-hightouch");
    }

    @Test
    void everyBodyTypeGivesTheSameEvent() {
        String json = "{\"userId\":\"u9\",\"event\":\"Clicked\",\"properties\":{\"n\":1}}";
        List<Object> bodies = List.of(Map.of("userId", "u9", "event", "Clicked", "properties", Map.of("n", 1)), json,
                json.getBytes(StandardCharsets.UTF_8), new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                json(json), new java.io.StringReader(json));
        for (Object body : bodies) {
            Exchange exchange = send(TRACK, body);
            assertThat(exchange.getException()).as(body.getClass().getName()).isNull();
        }
        Exchange pojo = send(TRACK, new Signup());
        assertThat(pojo.getException()).isNull();

        List<JsonNode> events = HIGHTOUCH.events().acceptedEvents();
        assertThat(events).hasSize(bodies.size() + 1);
        for (JsonNode event : events.subList(0, bodies.size())) {
            assertThat(event.path("userId").asText()).isEqualTo("u9");
            assertThat(event.path("properties").path("n").asInt()).isEqualTo(1);
        }
        assertThat(events.get(bodies.size()).path("properties").path("source").asText()).isEqualTo("pojo");
    }

    @Test
    void aJsonNodeBodyIsNotChanged() {
        JsonNode node = json("{\"userId\":\"u9\",\"event\":\"Clicked\"}");
        Exchange exchange = template.send(TRACK, e -> e.getMessage().setBody(node));

        assertThat(exchange.getException()).isNull();
        assertThat(node.has("messageId")).isFalse();
        assertThat(node.size()).isEqualTo(2);
    }

    @Test
    void eventsShareABatchUpToBatchSize() throws Exception {
        String uri = "hightouch:track?batchSize=5&lingerMs=60000";
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> body = track("u" + i, "E");
            sent.add(template.asyncSend(uri, e -> e.getMessage().setBody(body)));
        }
        for (CompletableFuture<Exchange> exchange : sent) {
            assertThat(exchange.get(20, java.util.concurrent.TimeUnit.SECONDS).getException()).isNull();
        }
        assertThat(HIGHTOUCH.events().accepted()).extracting(ReceivedBatch::size).containsExactly(5, 5);
    }

    @Test
    void aBatchGoesWhenLingerPassesThoughNotFull() {
        Exchange exchange = send("hightouch:track?batchSize=100&lingerMs=200", track("u1", "E"));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.events().accepted()).extracting(ReceivedBatch::size).containsExactly(1);
    }

    @Test
    void batchBytesSplitsBatches() throws Exception {
        // each event is about 2 KB; 3 of them do not fit in 5000 bytes
        String uri = "hightouch:track?batchSize=100&batchBytes=5000&lingerMs=60000&flushTimeout=10000";
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> body = track("u" + i, "x".repeat(2000));
            sent.add(template.asyncSend(uri, e -> e.getMessage().setBody(body)));
        }
        // the first two filled a batch, the third opened another: stopping the endpoint flushes it
        while (HIGHTOUCH.events().accepted().isEmpty()) {
            Thread.sleep(10);
        }
        context.getEndpoint(uri).stop();
        for (CompletableFuture<Exchange> exchange : sent) {
            assertThat(exchange.get(20, java.util.concurrent.TimeUnit.SECONDS).getException()).isNull();
        }
        assertThat(HIGHTOUCH.events().accepted()).extracting(ReceivedBatch::size).containsExactly(2, 2);
        assertThat(HIGHTOUCH.events().accepted()).allSatisfy(batch -> assertThat(batch.bytes()).isLessThanOrEqualTo(5000));
    }

    @Test
    void everyOperationSendsItsType() {
        assertThat(send("hightouch:identify?lingerMs=0", Map.of("userId", "u1", "traits", Map.of("email", "a@b.c")))
                .getException()).isNull();
        assertThat(send("hightouch:page?lingerMs=0", Map.of("anonymousId", "a1", "name", "Home")).getException()).isNull();
        assertThat(send("hightouch:screen?lingerMs=0", Map.of("userId", "u1", "name", "Settings")).getException())
                .isNull();
        assertThat(send("hightouch:group?lingerMs=0", Map.of("userId", "u1", "groupId", "g1", "traits",
                Map.of("name", "ACME")))
                .getException()).isNull();
        assertThat(send("hightouch:alias?lingerMs=0", Map.of("previousId", "a1", "userId", "u1")).getException())
                .isNull();

        assertThat(HIGHTOUCH.events().acceptedEvents()).extracting(e -> e.path("type").asText())
                .containsExactly("identify", "page", "screen", "group", "alias");
    }

    @Test
    void aBatchOfMixedEventsCompletesWhenAllAreAccepted() {
        List<Object> events = List.of(Map.of("type", "identify", "userId", "u1", "traits", Map.of("plan", "pro")),
                Map.of("type", "track", "userId", "u1", "event", "Upgraded"),
                "{\"type\":\"page\",\"anonymousId\":\"a1\",\"name\":\"Pricing\"}");

        Exchange exchange = send("hightouch:batch?lingerMs=0", events);

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.events().acceptedEvents()).extracting(e -> e.path("type").asText())
                .containsExactly("identify", "track", "page");
        assertThat(exchange.getMessage().getBody(List.class)).hasSize(3);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.MESSAGE_ID, List.class))
                .isEqualTo(HIGHTOUCH.events().acceptedMessageIds());
    }

    @Test
    void aJsonArrayIsABatchToo() {
        String events = "[{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"A\"},"
                        + "{\"type\":\"alias\",\"previousId\":\"a\",\"userId\":\"u1\"}]";

        assertThat(send("hightouch:batch?lingerMs=0", events).getException()).isNull();

        assertThat(HIGHTOUCH.events().acceptedEvents()).hasSize(2);
    }

    @Test
    void aRefusedBatchFailsItsExchangesWithTheStatusAndHightouchsMessage() {
        HIGHTOUCH.events().answerWith((n, batch) -> responseDefinition().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Invalid event payload\"}")
                .build());
        Map<String, Object> body = track("u1", "E");

        Exchange exchange = send(TRACK, body);

        assertThat(exchange.getException()).isInstanceOfSatisfying(HightouchApiException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(e.getApiMessage()).isEqualTo("Invalid event payload");
            assertThat(e.getAttempts()).isEqualTo(1);
        });
        // the body is the exchange's, untouched
        assertThat(exchange.getMessage().getBody()).isSameAs(body);
        assertThat(HIGHTOUCH.events().received()).hasSize(1);
    }

    @Test
    void aWrongWriteKeyIsA401() {
        Exchange exchange = send(TRACK + "&writeKey=wrong-key", track("u1", "E"));

        assertThat(exchange.getException()).isInstanceOfSatisfying(HightouchApiException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(401));
    }

    @Test
    void anInvalidEventFailsAtOnceNamingEveryFieldAndSendsNothing() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("properties", List.of(1, 2));
        body.put("context", "mobile");

        Exchange exchange = send(TRACK, body);

        assertThat(exchange.getException()).isInstanceOfSatisfying(HightouchValidationException.class,
                e -> assertThat(e.getViolations()).extracting(HightouchValidationException.Violation::field)
                        .containsExactlyInAnyOrder("userId", "event", "properties", "context"));
        assertThat(exchange.getMessage().getBody()).isSameAs(body);
        assertThat(HIGHTOUCH.events().received()).isEmpty();
    }

    @Test
    void aBatchWithOneBadEventFailsNamingItsIndex() {
        List<Object> events = List.of(Map.of("type", "track", "userId", "u1", "event", "A"),
                Map.of("type", "group", "userId", "u1"), Map.of("type", "nope", "userId", "u1"), 42);

        Exchange exchange = send("hightouch:batch?lingerMs=0", events);

        assertThat(exchange.getException()).isInstanceOfSatisfying(HightouchValidationException.class,
                e -> assertThat(e.getViolations()).extracting(HightouchValidationException.Violation::field)
                        .containsExactlyInAnyOrder("[1].groupId", "[2].type", "[3]"));
        assertThat(HIGHTOUCH.events().received()).isEmpty();
    }

    @Test
    void anEventOver32KbIsRefusedBeforeSending() {
        Exchange exchange = send(TRACK, track("u1", "x".repeat(33_000)));

        assertThat(exchange.getException()).isInstanceOfSatisfying(HightouchValidationException.class,
                e -> assertThat(e.getViolations()).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("body");
                    assertThat(v.reason()).contains("32000 bytes per event");
                }));
        assertThat(HIGHTOUCH.events().received()).isEmpty();
    }

    @Test
    void validateFalseSkipsTheFieldChecksButNotTheSizesNorTheBatchType() {
        Exchange nobody = send(TRACK + "&validate=false", Map.of("properties", "not an object"));
        Exchange tooBig = send(TRACK + "&validate=false", Map.of("event", "x".repeat(33_000)));
        Exchange untyped = send("hightouch:batch?lingerMs=0&validate=false", List.of(Map.of("userId", "u1")));

        assertThat(nobody.getException()).isNull();
        assertThat(HIGHTOUCH.events().acceptedEvents()).singleElement()
                .satisfies(e -> assertThat(e.path("properties").asText()).isEqualTo("not an object"));
        assertThat(tooBig.getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(untyped.getException()).isInstanceOfSatisfying(HightouchValidationException.class,
                e -> assertThat(e.getViolations()).extracting(HightouchValidationException.Violation::field)
                        .containsExactly("[0].type"));
    }

    @Test
    void aTypeThatContradictsTheOperationIsRefused() {
        Map<String, Object> body = track("u1", "E");
        body.put("type", "identify");

        Exchange exchange = send(TRACK, body);

        assertThat(exchange.getException()).isInstanceOfSatisfying(HightouchValidationException.class,
                e -> assertThat(e.getViolations()).extracting(HightouchValidationException.Violation::field)
                        .containsExactly("type"));
    }
}
