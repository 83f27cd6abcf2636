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
package io.github.camelhightouch.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * How the local stand-in of Hightouch's Events API answers {@code POST /v1/batch}, like the real one: 401 without
 * {@code Authorization: Basic} of the write key and an empty password; 400 when the body is not
 * {@code {"batch": [...]}}, when the batch is 500 KB or more, or when an event is not an object with a known
 * {@code type} or is larger than 32 KB; otherwise 200, and it remembers the events by {@code messageId}, so that a
 * batch sent again is counted once, as Hightouch deduplicates it.
 */
final class EventsResponder implements ResponseDefinitionTransformerV2 {

    /** The name stubs refer to. */
    static final String NAME = "hightouch-events";

    /** Hightouch's limit on one batch: under 500 KB. */
    static final int MAX_BATCH_BYTES = 500 * 1024;

    /** Hightouch's limit on one event. */
    static final int MAX_EVENT_BYTES = 32 * 1024;

    private static final Set<String> TYPES = Set.of("track", "identify", "page", "screen", "group", "alias");

    private final String authorization;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> messageIds = new LinkedHashSet<>();
    private final List<Integer> batchSizes = new ArrayList<>();

    EventsResponder(String writeKey) {
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        LoggedRequest request = serveEvent.getRequest();
        if (!authorization.equals(request.getHeader("Authorization"))) {
            return StandInAnswers.unauthorized();
        }
        byte[] raw = request.getBody();
        if (raw.length >= MAX_BATCH_BYTES) {
            return badRequest("the batch is " + raw.length + " bytes, the limit is under " + MAX_BATCH_BYTES);
        }
        JsonNode body;
        try {
            body = json.readTree(raw);
        } catch (IOException e) {
            return badRequest("the body is not JSON");
        }
        JsonNode batch = body == null ? null : body.get("batch");
        if (batch == null || !batch.isArray()) {
            return badRequest("the body must be an object with a batch array");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            JsonNode event = batch.get(i);
            String problem = problem(event);
            if (problem != null) {
                return badRequest("batch[" + i + "]: " + problem);
            }
            ids.add(event.path("messageId").asText(null));
        }
        for (String id : ids) {
            messageIds.add(id != null ? id : "no-message-id-" + messageIds.size());
        }
        batchSizes.add(batch.size());
        return StandInAnswers.json(200, Map.of());
    }

    private String problem(JsonNode event) {
        if (event == null || !event.isObject()) {
            return "must be an object";
        }
        if (!TYPES.contains(event.path("type").asText())) {
            return "type must be one of " + TYPES;
        }
        try {
            int size = json.writeValueAsBytes(event).length;
            return size > MAX_EVENT_BYTES ? "the event is " + size + " bytes, the limit is " + MAX_EVENT_BYTES : null;
        } catch (JsonProcessingException e) {
            return "cannot be read";
        }
    }

    private static ResponseDefinition badRequest(String message) {
        return StandInAnswers.json(400, Map.of("message", message));
    }

    /** The distinct events accepted so far (an event sent twice with one messageId counts once). */
    synchronized int acceptedEvents() {
        return messageIds.size();
    }

    /** The size of each batch accepted so far, in order. */
    synchronized List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }
}
