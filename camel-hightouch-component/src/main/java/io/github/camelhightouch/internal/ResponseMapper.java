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

import io.github.camelhightouch.internal.http.HightouchRequest;
import io.github.camelhightouch.internal.http.HttpAnswer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelhightouch.HightouchApiException;

/**
 * Reads Hightouch's answers: JSON into Maps and Lists (unknown fields are just more Map entries), the resource id,
 * and the error shapes (the 409/422 {@code {message, details}} object, the bare JSON string of a 500, an HTML page, an
 * empty body).
 */
public final class ResponseMapper {

    private final ObjectMapper mapper;

    public ResponseMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The body as plain Java: Map for an object, List for an array, a String for JSON text or for a body that is not
     * JSON at all, null when empty.
     */
    public Object parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return mapper.readValue(body, Object.class);
        } catch (IOException notJson) {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * A parsed body as text for a message or an exception: empty for none, cut to 64 KB.
     */
    public static String text(Object parsed) {
        if (parsed == null) {
            return "";
        }
        String text = parsed.toString();
        return text.length() > 65_536 ? text.substring(0, 65_536) + "...(cut)" : text;
    }

    /**
     * The {@code id} field of a parsed object, or null.
     */
    public static Object resourceId(Object parsed) {
        return parsed instanceof Map<?, ?> map ? map.get("id") : null;
    }

    /**
     * The exception for a non-2xx answer.
     */
    public HightouchApiException toException(HightouchRequest call, HttpAnswer result, Object parsed) {
        String apiMessage = null;
        Object details = null;
        if (parsed instanceof Map<?, ?> map) {
            Object message = map.get("message");
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
        if (body == null || body.length == 0) {
            return "";
        }
        int length = Math.min(body.length, HightouchApiException.MAX_BODY_CHARS * 4);
        String text = new String(body, 0, length, StandardCharsets.UTF_8);
        return text.length() > HightouchApiException.MAX_BODY_CHARS
                ? text.substring(0, HightouchApiException.MAX_BODY_CHARS) + "...(cut)" : text;
    }
}
