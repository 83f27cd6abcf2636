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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds a URL query string, each name and value percent-encoded; unset values are left out.
 */
public final class QueryString {

    private final StringBuilder query = new StringBuilder();

    /**
     * Adds {@code name=value} unless the value is null.
     */
    public QueryString add(String name, Object value) {
        if (value != null) {
            query.append(query.length() == 0 ? '?' : '&').append(encode(name)).append('=').append(encode(value.toString()));
        }
        return this;
    }

    /**
     * A copy, so that a base query can be extended per page.
     */
    public QueryString copy() {
        QueryString copy = new QueryString();
        copy.query.append(query);
        return copy;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The query with its leading '?', or the empty string when nothing was added.
     */
    @Override
    public String toString() {
        return query.toString();
    }
}
