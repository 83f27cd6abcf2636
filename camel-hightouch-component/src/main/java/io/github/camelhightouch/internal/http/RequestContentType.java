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
package io.github.camelhightouch.internal.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.hc.core5.http.ContentType;

/**
 * The Content-Type of a raw request body (the {@code contentType} option): checked once, when the endpoint is
 * created, so that no value can add a header line or a parameter HttpClient would misread.
 */
public final class RequestContentType {

    /** The default: JSON, sent without a charset parameter as Hightouch documents it. */
    public static final String JSON = "application/json";

    private static final int MAX_LENGTH = 256;
    private static final String TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";
    private static final Pattern SHAPE = Pattern.compile(TOKEN + "/" + TOKEN
                                                         + "(\\s*;\\s*" + TOKEN + "=(" + TOKEN + "|\"[ -~&&[^\"\\\\]]*\"))*");

    private RequestContentType() {
    }

    /**
     * Why the value cannot be a request Content-Type, or null when it can.
     */
    public static String problem(String value) {
        if (value == null || value.isBlank()) {
            return "must be a media type such as application/json or text/csv, got an empty value";
        }
        if (value.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "must be printable ASCII: it holds a line break, a control or a non-ASCII character";
            }
        }
        if (!SHAPE.matcher(value.trim()).matches()) {
            return "must be type/subtype with optional ;name=value parameters, got " + value;
        }
        try {
            ContentType parsed = ContentType.parse(value.trim());
            if (parsed.getParameter("charset") != null) {
                Charset charset = parsed.getCharset();
                if (isJson(value) && !StandardCharsets.UTF_8.equals(charset)) {
                    // a JSON body is always written as UTF-8 (RFC 8259): another charset would make Hightouch
                    // read other characters than the ones sent
                    return "a JSON type is sent as UTF-8; its charset can only be UTF-8, got " + value;
                }
            }
        } catch (RuntimeException e) {
            return "is not a usable media type (" + e.getMessage() + "), got " + value;
        }
        return null;
    }

    /** Whether the value is the default, or unset. */
    public static boolean isDefault(String value) {
        return value == null || JSON.equalsIgnoreCase(value.trim());
    }

    /** Whether a body of this type is JSON: application/json, or any type/subtype+json. */
    public static boolean isJson(String value) {
        if (value == null) {
            return true;
        }
        String mime = value.trim();
        int semicolon = mime.indexOf(';');
        mime = (semicolon < 0 ? mime : mime.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return JSON.equals(mime) || mime.endsWith("+json");
    }

    /** The charset of the type, UTF-8 when it has none. */
    public static Charset charset(String value) {
        Charset charset = ContentType.parse(value.trim()).getCharset();
        return charset == null ? StandardCharsets.UTF_8 : charset;
    }

    /** The type as HttpClient's entity type. */
    static ContentType parse(String value) {
        return ContentType.parse(value.trim());
    }
}
