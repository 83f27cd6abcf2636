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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The extra request headers of raw ({@code header.Name=value} options), checked when the endpoint is created. Names
 * that HTTP, HttpClient or Camel interpret are refused: they could change where a request goes, how it is framed or
 * which credentials it carries.
 */
public final class ExtraHeaders {

    /** An allowed extra header. */
    public record Header(String name, String value) {
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}");
    private static final int MAX_VALUE_LENGTH = 8192;
    /**
     * Set by the component, or interpreted by HTTP and HttpClient: framing (Content-Length, Transfer-Encoding),
     * routing (Host, Forwarded, proxies), connection management (hop-by-hop headers) and credentials.
     */
    private static final Set<String> REFUSED = Set.of("authorization", "proxy-authorization", "cookie", "content-type",
            "accept", "host", "content-length", "transfer-encoding", "connection", "keep-alive", "te", "trailer",
            "upgrade", "expect", "content-encoding", "forwarded", "x-forwarded-host", "x-forwarded-for",
            "x-forwarded-proto", "x-http-method-override", "x-http-method", "x-method-override", "max-forwards");

    private ExtraHeaders() {
    }

    /**
     * Checks the {@code header.*} options.
     *
     * @throws IllegalArgumentException naming the option of the first refused header
     */
    public static List<Header> check(Map<String, Object> options) {
        List<Header> headers = new ArrayList<>();
        if (options == null) {
            return List.of();
        }
        for (Map.Entry<String, Object> option : options.entrySet()) {
            String name = option.getKey();
            String shown = "header." + (name == null ? "" : abbreviate(name));
            if (name == null || !TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException(shown + ": is not a valid HTTP header name");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("camel") || lower.startsWith("proxy-") || lower.startsWith("sec-")
                    || REFUSED.contains(lower)) {
                throw new IllegalArgumentException(shown + ": is refused; the component sets it or HTTP, HttpClient or"
                                                   + " Camel interpret it (it could change the target, the method, the"
                                                   + " framing or the credentials of the request)");
            }
            String value = option.getValue() == null ? "" : option.getValue().toString();
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException(shown + ": the value is longer than " + MAX_VALUE_LENGTH + " characters");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
                    throw new IllegalArgumentException(shown + ": the value holds a line break, a NUL or a character "
                                                       + "outside ISO-8859-1");
                }
            }
            headers.add(new Header(name, value));
        }
        return List.copyOf(headers);
    }

    private static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
