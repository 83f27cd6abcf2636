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

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.body.JsonBodies;
import io.github.camelhightouch.internal.body.JsonBodies.InvalidJsonBodyException;

/**
 * Reads a message body into events of their own (never the message's objects): one event (Map, POJO, JsonNode or
 * JSON text) for the single-event operations, a List or JSON array of them for batch.
 */
public final class EventReader {

    private final JsonBodies json;

    public EventReader(JsonBodies json) {
        this.json = json;
    }

    /**
     * The events of a body, each paired with the prefix of its field names; problems go to {@code violations}.
     *
     * @param list whether the body is a list of events (batch)
     */
    public List<Read> read(Object body, boolean list, List<Violation> violations) {
        List<Read> events = new ArrayList<>();
        if (!list) {
            JsonNode node = readNode(body, "body", violations);
            if (node != null) {
                if (node instanceof ObjectNode object) {
                    events.add(new Read(object, ""));
                } else {
                    violations.add(new Violation("body", "must be a JSON object, one event (got "
                                                         + kind(node) + "); hightouch:batch takes a list"));
                }
            }
            return events;
        }
        List<JsonNode> elements = new ArrayList<>();
        if (body instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                elements.add(readNode(element, "[" + i + "]", violations));
                i++;
            }
        } else {
            JsonNode node = readNode(body, "body", violations);
            if (node == null) {
                return events;
            }
            if (!node.isArray()) {
                violations.add(new Violation("body", "must be a List or JSON array of events for hightouch:batch (got "
                                                     + kind(node) + ")"));
                return events;
            }
            node.forEach(elements::add);
        }
        if (elements.isEmpty() && violations.isEmpty()) {
            violations.add(new Violation("body", "is an empty list; hightouch:batch needs at least one event"));
        }
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            if (element instanceof ObjectNode object) {
                events.add(new Read(object, "[" + i + "]."));
            } else if (element != null) {
                violations.add(new Violation("[" + i + "]", "must be a JSON object, one event (got " + kind(element)
                                                           + ")"));
            }
        }
        return events;
    }

    private JsonNode readNode(Object body, String field, List<Violation> violations) {
        try {
            return json.read(body, field);
        } catch (InvalidJsonBodyException e) {
            violations.addAll(e.violations());
            return null;
        }
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * One event as read, and the prefix of its field names in errors.
     */
    public record Read(ObjectNode event, String prefix) {
    }
}
