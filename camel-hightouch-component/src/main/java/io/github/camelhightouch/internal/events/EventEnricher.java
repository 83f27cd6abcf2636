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
package io.github.camelhightouch.internal.events;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Completes a valid event with what the component adds: its {@code type}, a {@code messageId} (UUID) and a
 * {@code timestamp} (ISO-8601) when absent, and {@code context.library}. What the user set is never overwritten.
 */
public final class EventEnricher {

    private final Supplier<String> messageIds;

    public EventEnricher() {
        this(() -> UUID.randomUUID().toString());
    }

    EventEnricher(Supplier<String> messageIds) {
        this.messageIds = messageIds;
    }

    /**
     * Adds the missing fields to the event, in place.
     *
     * @param  event the event, valid (its {@code context}, if any, is an object)
     * @param  type  the type of the operation, or null when the event names its own (batch)
     * @param  now   the time of the {@code timestamp}, when the event has none
     * @return       the event's messageId
     */
    public String enrich(ObjectNode event, EventType type, Instant now) {
        return enrich(event, type, now, messageIds);
    }

    /**
     * Adds the missing fields to the event, in place, with the given messageId when it has none.
     *
     * @param  messageId gives the messageId of an event without one (called at most once)
     * @return           the event's messageId
     */
    public String enrich(ObjectNode event, EventType type, Instant now, Supplier<String> messageId) {
        if (type != null && isAbsent(event.get("type"))) {
            event.put("type", type.wire());
        }
        if (isAbsent(event.get("messageId"))) {
            event.put("messageId", messageId.get());
        }
        if (isAbsent(event.get("timestamp"))) {
            event.put("timestamp", iso(now));
        }
        JsonNode context = event.get("context");
        if (!isAbsent(context) && !(context instanceof ObjectNode)) {
            // not an object (refused unless validate=false): what the user set stays as it is
            return event.get("messageId").asText();
        }
        ObjectNode contextObject = context instanceof ObjectNode object ? object : event.putObject("context");
        if (isAbsent(contextObject.get("library"))) {
            ObjectNode library = contextObject.putObject("library");
            library.put("name", EventLibrary.NAME);
            library.put("version", EventLibrary.VERSION);
        }
        return event.get("messageId").asText();
    }

    /** An instant as ISO-8601 in UTC, to the millisecond, as the event SDKs write it. */
    public static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }
}
