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

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelhightouch.HightouchValidationException.Violation;

/**
 * Checks one event before it is queued, reporting every problem with the field it is about: who it is about
 * ({@code userId} or {@code anonymousId}; {@code previousId} and {@code userId} for alias), {@code event} for track,
 * {@code groupId} for group, objects for {@code properties}, {@code traits} and {@code context}, and its
 * {@code type}.
 */
public final class EventValidator {

    /** The longest id or messageId taken: far above any real one, small enough for an error message. */
    static final int MAX_ID_CHARS = 1024;

    /**
     * Adds the event's problems to {@code violations}.
     *
     * @param event      the event as read (not enriched)
     * @param expected   the type of the operation, or null when the event must name its own (batch)
     * @param prefix     what goes before each field name ("" for one event, "[3]." in a batch)
     * @param violations where the problems go
     * @return           the event's type, or null when it has none that is valid
     */
    public EventType check(ObjectNode event, EventType expected, String prefix, List<Violation> violations) {
        EventType type = checkType(event.get("type"), expected, prefix, violations);
        if (type == null) {
            // the other rules depend on the type; without one, only the shared fields are checked
            checkObjects(event, prefix, violations, "properties", "traits", "context");
            return null;
        }
        if (type == EventType.ALIAS) {
            requireId(event, "previousId", prefix, violations, "is required for alias: the id the user had before");
            requireId(event, "userId", prefix, violations, "is required for alias: the id the user has now");
        } else if (!isId(event.get("userId")) && !isId(event.get("anonymousId"))) {
            checkIdShape(event, "userId", prefix, violations);
            checkIdShape(event, "anonymousId", prefix, violations);
            if (!present(event.get("userId")) && !present(event.get("anonymousId"))) {
                violations.add(new Violation(prefix + "userId",
                        "userId or anonymousId must be set: Hightouch drops events about nobody"));
            }
        }
        if (type == EventType.TRACK) {
            JsonNode name = event.get("event");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                violations.add(new Violation(prefix + "event", describe(name, "is required for track: the name of the"
                                                                              + " action, a non-empty string")));
            }
        }
        if (type == EventType.GROUP) {
            requireId(event, "groupId", prefix, violations, "is required for group: the id of the group");
        }
        checkObjects(event, prefix, violations, "properties", "traits", "context");
        JsonNode messageId = event.get("messageId");
        if (present(messageId) && !(messageId.isTextual() && isId(messageId))) {
            // unlike userId, a messageId is a string only: Hightouch refuses the whole batch over a number
            violations.add(new Violation(prefix + "messageId", describe(messageId, "must be a non-empty string of at"
                                                                                   + " most " + MAX_ID_CHARS
                                                                                   + " characters")));
        }
        JsonNode timestamp = event.get("timestamp");
        if (present(timestamp) && (!timestamp.isTextual() || !isIsoTimestamp(timestamp.asText()))) {
            violations.add(new Violation(prefix + "timestamp", describe(timestamp, "must be an ISO-8601 string")));
        }
        return type;
    }

    /**
     * Checks only the {@code type} of an event of a batch (what is needed even with validate=false: Hightouch routes
     * by it).
     */
    public EventType checkTypeOnly(ObjectNode event, String prefix, List<Violation> violations) {
        return checkType(event.get("type"), null, prefix, violations);
    }

    private static EventType checkType(JsonNode node, EventType expected, String prefix, List<Violation> violations) {
        if (expected != null) {
            if (present(node) && !(node.isTextual() && node.asText().equals(expected.wire()))) {
                violations.add(new Violation(prefix + "type", describe(node, "must be " + expected.wire()
                                                                             + " (or left out) for hightouch:"
                                                                             + expected.wire())));
            }
            return expected;
        }
        if (!present(node)) {
            violations.add(new Violation(prefix + "type", "is required in a batch: one of " + EventType.names()));
            return null;
        }
        EventType type = node.isTextual() ? EventType.fromWire(node.asText()) : null;
        if (type == null) {
            violations.add(new Violation(prefix + "type", describe(node, "must be one of " + EventType.names())));
        }
        return type;
    }

    private static void requireId(ObjectNode event, String field, String prefix, List<Violation> violations,
                                  String reason) {
        JsonNode node = event.get(field);
        if (!isId(node)) {
            violations.add(new Violation(prefix + field, describe(node, present(node)
                    ? "must be a non-empty string or an integer of at most " + MAX_ID_CHARS + " characters" : reason)));
        }
    }

    private static void checkIdShape(ObjectNode event, String field, String prefix, List<Violation> violations) {
        JsonNode node = event.get(field);
        if (present(node) && !isId(node)) {
            violations.add(new Violation(prefix + field, describe(node, "must be a non-empty string or an integer of"
                                                                        + " at most " + MAX_ID_CHARS + " characters")));
        }
    }

    private static void checkObjects(ObjectNode event, String prefix, List<Violation> violations, String... fields) {
        for (String field : fields) {
            JsonNode node = event.get(field);
            if (present(node) && !node.isObject()) {
                violations.add(new Violation(prefix + field, describe(node, "must be a JSON object")));
            }
        }
    }

    /** Whether a value is a usable id: a non-blank string or an integer, not too long. */
    static boolean isId(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isTextual()) {
            String text = node.asText();
            return !text.isBlank() && text.length() <= MAX_ID_CHARS;
        }
        return node.isIntegralNumber() && node.asText().length() <= MAX_ID_CHARS;
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    /** The reason, with what was found when there was something (its JSON kind only: values can be personal). */
    private static String describe(JsonNode node, String reason) {
        if (!present(node)) {
            return reason;
        }
        return reason + " (got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    /**
     * An ISO-8601 date-time (with or without an offset or zone, e.g. {@code 2024-05-01T10:00:00Z}) or date
     * ({@code 2024-05-01}): what the Events API reads; anything else ("yesterday", "") would be taken as no time at all.
     */
    static boolean isIsoTimestamp(String text) {
        for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_DATE_TIME, DateTimeFormatter.ISO_DATE)) {
            try {
                format.parse(text);
                return true;
            } catch (DateTimeParseException notThisOne) {
                // the next form
            }
        }
        return false;
    }
}
