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
package io.github.camelhightouch.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;

/**
 * Turns a message body into a JSON tree and a JSON tree into request bytes. Accepted bodies: a Map, a POJO, a Jackson
 * JsonNode, a JSON String, or JSON as byte[] or InputStream. Text that is not JSON is refused here, before any
 * request.
 */
public final class JsonBodies {

    private final ObjectMapper mapper;
    private final long maxBodySize;

    public JsonBodies(ObjectMapper mapper, long maxBodySize) {
        this.mapper = mapper;
        this.maxBodySize = maxBodySize;
    }

    /**
     * Reads a body into a JSON tree of its own (a JsonNode body is copied, so that conversions never change the
     * route's message).
     *
     * @param  field                       how the body is named in errors ({@code body}, {@code [3]})
     * @throws InvalidJsonBodyException when the body is missing, empty, too large or not JSON
     */
    public JsonNode read(Object body, String field) throws InvalidJsonBodyException {
        if (body == null) {
            throw new InvalidJsonBodyException(field, "is null; a JSON object (Map, POJO, JsonNode or JSON text) is required");
        }
        try {
            if (body instanceof JsonNode node) {
                return node.deepCopy();
            }
            if (body instanceof CharSequence text) {
                String s = text.toString();
                checkSize(field, s.length());
                if (s.isBlank()) {
                    throw new InvalidJsonBodyException(field, "is an empty string; JSON is required");
                }
                return parse(field, s.getBytes(StandardCharsets.UTF_8));
            }
            if (body instanceof byte[] bytes) {
                checkSize(field, bytes.length);
                return parse(field, bytes);
            }
            if (body instanceof InputStream stream) {
                return parse(field, readLimited(field, stream));
            }
            return mapper.valueToTree(body);
        } catch (IllegalArgumentException e) {
            throw new InvalidJsonBodyException(field, "cannot be serialized to JSON (" + body.getClass().getName() + "): "
                                                      + e.getMessage());
        }
    }

    /**
     * Serializes a JSON tree to request bytes, refusing bodies over the size limit.
     */
    public byte[] write(JsonNode node, String field) throws InvalidJsonBodyException {
        try {
            byte[] bytes = mapper.writeValueAsBytes(node);
            checkSize(field, bytes.length);
            return bytes;
        } catch (JsonProcessingException e) {
            throw new InvalidJsonBodyException(field, "cannot be serialized to JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The mapper the component uses.
     */
    public ObjectMapper mapper() {
        return mapper;
    }

    private JsonNode parse(String field, byte[] bytes) throws InvalidJsonBodyException {
        if (bytes.length == 0) {
            throw new InvalidJsonBodyException(field, "is empty; JSON is required");
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new InvalidJsonBodyException(field, "is blank; JSON is required");
            }
            return node;
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new InvalidJsonBodyException(field, "is not valid JSON (" + detail + ")");
        }
    }

    private byte[] readLimited(String field, InputStream stream) throws InvalidJsonBodyException {
        try {
            byte[] bytes = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
            checkSize(field, bytes.length);
            return bytes;
        } catch (IOException e) {
            throw new InvalidJsonBodyException(field, "could not be read: " + e.getMessage());
        }
    }

    private void checkSize(String field, long size) throws InvalidJsonBodyException {
        if (size > maxBodySize) {
            throw new InvalidJsonBodyException(field, "is larger than maxBodySize (" + maxBodySize + " bytes)");
        }
    }

    /**
     * A body that is not usable JSON, with the field it concerns.
     */
    public static final class InvalidJsonBodyException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Violation violation;

        InvalidJsonBodyException(String field, String reason) {
            super(BoundedText.cut(field + ": " + reason, HightouchValidationException.MAX_MESSAGE_CHARS), null, false, false);
            this.violation = new Violation(field, reason);
        }

        public List<Violation> violations() {
            return List.of(violation);
        }
    }
}
