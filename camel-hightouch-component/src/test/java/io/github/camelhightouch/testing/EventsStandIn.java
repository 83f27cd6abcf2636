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
package io.github.camelhightouch.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * The Events API of the stand-in ({@code POST /v1/batch} and the single-event paths {@code /v1/track} etc.), as
 * Hightouch documents it: HTTP Basic with the write key as user and an empty password (401 otherwise), 400 for a
 * malformed body, an event over 32 KB or a batch of 500 KB or more. It records every batch it received and how it
 * answered, so that tests can assert messageIds, batch sizes and duplicates.
 * <p>
 * A test shapes answers with {@link #answerWith(BiFunction)}: the function sees the number of the request (from 1)
 * and the parsed batch, and gives a response (a 429, a fault, a delay) or null for the normal answer. The full events
 * of the first {@value #KEPT_EVENTS} accepted events are kept; beyond that, only their messageIds.
 */
public final class EventsStandIn implements ResponseDefinitionTransformerV2 {

    /** The name of the transformer the events stubs use. */
    public static final String NAME = "hightouch-events-stand-in";

    /** The largest event taken, in bytes: 32 KB. */
    public static final int MAX_EVENT_BYTES = 32 * 1024;

    /** A batch body of this many bytes or more is refused: Hightouch takes batches under 500 KB. */
    public static final int MAX_BATCH_BYTES = 500 * 1024;

    /** How many accepted events are kept whole. */
    public static final int KEPT_EVENTS = 10_000;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> SINGLE_TYPES = List.of("track", "identify", "page", "screen", "group", "alias");

    private final String expectedAuthorization;
    private final List<ReceivedBatch> received = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> keptEvents = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    private volatile BiFunction<Integer, JsonNode, ResponseDefinition> answers;

    EventsStandIn(String writeKey) {
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Shapes the answers of the current test: given the request number (from 1) and the batch as parsed (null when
     * it is not JSON), a response, or null for the normal answer. Forgotten after the test.
     */
    public void answerWith(BiFunction<Integer, JsonNode, ResponseDefinition> answers) {
        this.answers = answers;
    }

    /** Every batch received (all answers), oldest first. */
    public List<ReceivedBatch> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    /** The batches answered 2xx. */
    public List<ReceivedBatch> accepted() {
        return received().stream().filter(ReceivedBatch::accepted).toList();
    }

    /** The messageIds of every accepted event, in the order received (a retried batch counts each time). */
    public List<String> acceptedMessageIds() {
        List<String> ids = new ArrayList<>();
        accepted().forEach(batch -> ids.addAll(batch.messageIds()));
        return ids;
    }

    /** The first {@value #KEPT_EVENTS} accepted events, whole. */
    public List<JsonNode> acceptedEvents() {
        synchronized (keptEvents) {
            return new ArrayList<>(keptEvents);
        }
    }

    /** The accepted messageIds that arrived more than once, with their count. */
    public Map<String, Integer> duplicates() {
        Map<String, Integer> counts = new HashMap<>();
        acceptedMessageIds().forEach(id -> counts.merge(id, 1, Integer::sum));
        counts.values().removeIf(count -> count < 2);
        return counts;
    }

    void reset() {
        received.clear();
        keptEvents.clear();
        requests.set(0);
        answers = null;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        int number = requests.incrementAndGet();
        var request = serveEvent.getRequest();
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
        String path = request.getUrl().split("\\?", 2)[0];
        JsonNode parsed = parse(body);
        // whole bodies only for the first requests: a 100k-event test must not keep them all
        JsonNode kept = keptEvents.size() < KEPT_EVENTS ? parsed : null;
        BiFunction<Integer, JsonNode, ResponseDefinition> shaped = answers;
        ResponseDefinition special = shaped == null ? null : shaped.apply(number, parsed);
        if (special != null) {
            // a fault (reset, empty answer) answers nothing: status 0
            received.add(new ReceivedBatch(special.getFault() != null ? 0 : special.getStatus(), ids(parsed), body.length,
                    kept));
            return special;
        }
        ResponseDefinition answer = answer(request.getHeader("Authorization"), path, body, parsed);
        received.add(new ReceivedBatch(answer.getStatus(), ids(parsed), body.length, kept));
        if (answer.getStatus() == 200) {
            JsonNode events = parsed.has("batch") ? parsed.get("batch") : MAPPER.createArrayNode().add(parsed);
            synchronized (keptEvents) {
                for (JsonNode event : events) {
                    if (keptEvents.size() < KEPT_EVENTS) {
                        keptEvents.add(event);
                    }
                }
            }
        }
        return answer;
    }

    private ResponseDefinition answer(String authorization, String path, byte[] body, JsonNode parsed) {
        if (!expectedAuthorization.equals(authorization)) {
            return error(401, "Invalid write key");
        }
        if (body.length >= MAX_BATCH_BYTES) {
            return error(400, "Batch is " + body.length + " bytes; batches must be under 500 KB");
        }
        if (parsed == null || !parsed.isObject()) {
            return error(400, "Malformed JSON body");
        }
        String kind = path.substring(path.lastIndexOf('/') + 1);
        List<JsonNode> events = new ArrayList<>();
        if ("batch".equals(kind)) {
            JsonNode batch = parsed.get("batch");
            if (batch == null || !batch.isArray() || batch.isEmpty()) {
                return error(400, "batch must be a non-empty array");
            }
            batch.forEach(events::add);
        } else if (SINGLE_TYPES.contains(kind)) {
            events.add(parsed);
        } else {
            return error(404, "Not found");
        }
        for (JsonNode event : events) {
            String problem = problem(event, "batch".equals(kind) ? null : kind);
            if (problem != null) {
                return error(400, problem);
            }
        }
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{}").build();
    }

    /** What Hightouch refuses outright about one event, or null. */
    private static String problem(JsonNode event, String pathType) {
        if (!event.isObject()) {
            return "Each event must be an object";
        }
        if (event.toString().getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
            return "Event exceeds 32 KB";
        }
        String type = event.path("type").asText(pathType);
        if (!SINGLE_TYPES.contains(type) || pathType != null && !pathType.equals(type)) {
            return "Unknown event type";
        }
        if (!event.path("messageId").isTextual()) {
            return "messageId is required";
        }
        return null;
    }

    private static ResponseDefinition error(int status, String message) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"" + message + "\"}").build();
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : MAPPER.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static List<String> ids(JsonNode parsed) {
        List<String> ids = new ArrayList<>();
        if (parsed != null && parsed.path("batch").isArray()) {
            parsed.get("batch").forEach(event -> ids.add(event.path("messageId").asText(null)));
        }
        return ids;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        // only the events stubs answer through it
        return false;
    }

    /**
     * One request as received: the status it was answered with, the messageIds of its events, its size, and its
     * body as parsed when it is one of the first requests of the test (null otherwise, and when it was not JSON).
     */
    public record ReceivedBatch(int status, List<String> messageIds, int bytes, JsonNode body) {
        /** Whether it was answered 2xx. */
        public boolean accepted() {
            return status >= 200 && status < 300;
        }

        /** How many events it held. */
        public int size() {
            return messageIds.size();
        }
    }
}
