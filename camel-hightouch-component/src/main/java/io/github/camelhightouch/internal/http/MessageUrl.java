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

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The target of a raw call given per message (the CamelHightouchUrl header): a path below the base URL or an absolute
 * URL below it, checked with the origin rules of the url option and stricter ones, since a header can come from
 * anywhere. The resolved URL is on the origin of the base URL and below its path, or the value is refused.
 */
public final class MessageUrl {

    private static final int MAX_LENGTH = 8192;

    private MessageUrl() {
    }

    /**
     * The full URL of the value, on the origin and below the path of the base URL.
     *
     * @param  field                    how the value is named in the error, e.g. {@code header CamelHightouchUrl}
     * @throws IllegalArgumentException naming the field, when the value could lead anywhere else
     */
    public static String resolve(HightouchOrigin origin, Object value, String field) {
        if (!(value instanceof CharSequence)) {
            throw new IllegalArgumentException(field + ": must be a String (a Hightouch path such as /syncs/42/trigger),"
                                               + " got " + value.getClass().getName());
        }
        String text = value.toString();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + ": must be a Hightouch path of 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                throw new IllegalArgumentException(field + ": must be printable ASCII without spaces or backslashes "
                                                   + "(percent-encode anything else); it holds character "
                                                   + String.format("U+%04X", (int) c) + " at index " + i);
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            int end = text.length();
            for (char stop : new char[] { '/', '?' }) {
                int at = text.indexOf(stop);
                end = at >= 0 ? Math.min(end, at) : end;
            }
            if (text.substring(0, end).indexOf(':') >= 0) {
                // RFC 3986: a relative path cannot have a colon in its first segment; this looks like another scheme
                throw new IllegalArgumentException(field + ": must be a path below baseUrl or an http(s) URL on its "
                                                   + "origin, got " + shown(text));
            }
        }
        String resolved;
        try {
            resolved = origin.resolve(text, field);
        } catch (IllegalArgumentException e) {
            // the origin's message repeats the value, which is printable ASCII here
            throw new IllegalArgumentException(e.getMessage(), null);
        }
        URI uri;
        try {
            uri = new URI(resolved);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + ": is not a valid URL: " + e.getMessage(), e);
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null || uri.getRawPath() == null) {
            throw new IllegalArgumentException(field + ": must not carry user info or a fragment, got " + shown(text));
        }
        String path = uri.getRawPath();
        String lowerPath = path.toLowerCase(Locale.ROOT);
        if (lowerPath.contains("%2f") || lowerPath.contains("%5c") || lowerPath.contains("%25")
                || lowerPath.contains("%00")) {
            throw new IllegalArgumentException(field + ": the path must not hold an encoded slash, backslash, percent "
                                               + "or NUL, got " + shown(text));
        }
        for (String segment : lowerPath.split("/", -1)) {
            if (HightouchOrigin.isDotSegment(segment)) {
                throw new IllegalArgumentException(field + ": must not hold a dot-segment (. or ..), got " + shown(text));
            }
        }
        String basePath = URI.create(origin.baseUrl()).getRawPath();
        if (basePath != null && !basePath.isEmpty() && !path.equals(basePath) && !path.startsWith(basePath + "/")) {
            throw new IllegalArgumentException(field + ": must be below the path of baseUrl (" + basePath + "), got "
                                               + shown(text));
        }
        return resolved;
    }

    private static String shown(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
