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
package io.github.camelhightouch.internal.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.internal.BoundedText;
import io.github.camelhightouch.internal.http.HightouchRequest;
import io.github.camelhightouch.internal.http.HttpAnswer;

/**
 * Reads Hightouch's answers: JSON into Maps and Lists (unknown fields are just more Map entries), the resource id,
 * and the error shapes (the 409/422 {@code {message, details}} object, the bare JSON string of a 500, an HTML page, an
 * empty body). A body that is not JSON the mapper can read, or that nests deeper than {@value #MAX_NESTING} levels
 * (the default limit of Jackson's StreamReadConstraints, kept even when the component's mapper allows more), is text.
 */
public final class ResponseMapper {

    /** The deepest nesting of arrays and objects read as JSON. */
    public static final int MAX_NESTING = 1000;

    private final ObjectMapper mapper;

    public ResponseMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The body as plain Java: Map for an object, List for an array, a String for JSON text or for a body that is not
     * JSON at all (or nests deeper than {@value #MAX_NESTING} levels), null when empty.
     */
    public Object parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        if (nestsDeeperThan(body, MAX_NESTING)) {
            return new String(body, StandardCharsets.UTF_8);
        }
        try {
            return mapper.readValue(body, Object.class);
        } catch (IOException | RuntimeException notJson) {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Whether the JSON text opens more than {@code limit} arrays or objects inside one another (brackets inside
     * strings do not count). A scan of the bytes, so that no mapper, however configured, recurses into such a body.
     */
    static boolean nestsDeeperThan(byte[] body, int limit) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                if (++depth > limit) {
                    return true;
                }
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
        return false;
    }

    /**
     * A parsed body as text for a message or an exception: empty for none, cut to 64 KB.
     */
    public static String text(Object parsed) {
        return parsed == null ? "" : BoundedText.render(parsed, 65_536);
    }

    /**
     * The {@code id} field of a parsed object, or null.
     */
    public static Object resourceId(Object parsed) {
        return parsed instanceof Map<?, ?> map ? map.get("id") : null;
    }

    /**
     * The exception for a non-2xx answer, with the body cut to {@link HightouchApiException#MAX_BODY_CHARS}.
     */
    public HightouchApiException toException(HightouchRequest call, HttpAnswer result, Object parsed) {
        String apiMessage = null;
        Object details = null;
        if (parsed instanceof Map<?, ?> map) {
            Object message = map.get("message");
            // the campaign operations answer their errors as {"error": "..."}
            if (message == null) {
                message = map.get("error");
            }
            apiMessage = message == null ? null : message.toString();
            details = map.get("details");
        } else if (parsed instanceof String text && isJsonString(result.body())) {
            apiMessage = text;
        }
        return new HightouchApiException(result.status(), apiMessage, details, bodyText(result.body()),
                call.operation(), call.method().name(), call.url(), result.attempts());
    }

    private static boolean isJsonString(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '"';
            }
        }
        return false;
    }

    private static String bodyText(byte[] body) {
        return BoundedText.decode(body, HightouchApiException.MAX_BODY_CHARS);
    }
}
