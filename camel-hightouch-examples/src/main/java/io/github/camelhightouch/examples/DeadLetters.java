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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;

/**
 * Writes a failed record as one line of the dead-letter file:
 * {@code {"line":6,"reason":"...","record":{...the record as read...}}}. Fix the record, and the line is ready to be
 * imported again.
 */
public class DeadLetters {

    private final ObjectMapper json = new ObjectMapper();

    /** The dead-letter line for the failed exchange, ending with a newline. */
    public String toJsonLine(Exchange exchange) throws JsonProcessingException {
        ObjectNode line = json.createObjectNode();
        line.put("line", ImportSummary.lineOf(exchange));
        line.put("reason", reason(exchange));
        String text = exchange.getProperty(ImportRecordsRoute.RECORD_TEXT, String.class);
        line.set("record", asJson(text));
        return json.writeValueAsString(line) + "\n";
    }

    /** The record as it was read: its JSON when it is JSON, else the text itself. */
    private JsonNode asJson(String text) {
        if (text == null) {
            return json.nullNode();
        }
        try {
            JsonNode node = json.readTree(text);
            return node == null || node.isMissingNode() ? json.getNodeFactory().textNode(text) : node;
        } catch (JsonProcessingException notJson) {
            return json.getNodeFactory().textNode(text);
        }
    }

    /** Why the exchange failed: the first line of its exception's message. */
    static String reason(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        if (cause == null) {
            return "unknown";
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).trim();
    }
}
