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
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.camelhightouch.HightouchHttpMethod;
import org.apache.hc.core5.http.HttpHost;

/**
 * The base URL of the Hightouch API and its origin (scheme, host, port): the only place the API key is ever sent to.
 */
public final class HightouchOrigin {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    private final String baseUrl;
    private final String scheme;
    private final String host;
    private final int port;
    private final HttpHost httpHost;
    /** The last URL that passed the origin check; racing writers only replace one checked URL by another. */
    private volatile CheckedUrl lastChecked;

    private HightouchOrigin(String baseUrl, String scheme, String host, int port) {
        this.baseUrl = baseUrl;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.httpHost = new HttpHost(scheme, host, port);
    }

    /**
     * Parses and checks a base URL: http(s), a host, and https unless the host is a loopback address.
     *
     * @throws IllegalArgumentException naming the {@code baseUrl} option
     */
    public static HightouchOrigin of(String baseUrl) {
        return of(baseUrl, "baseUrl", "https://api.hightouch.com/api/v1", "the API key");
    }

    /**
     * Parses and checks the URL of an option with the same rules as {@link #of(String)}: http(s), a host, and https
     * unless the host is a loopback address.
     *
     * @param  option                   the option named in errors (eventsUrl)
     * @param  example                  a valid value, shown when the option is not set
     * @param  secret                   what would travel in clear text over plain http ("the write key")
     * @throws IllegalArgumentException naming the option
     */
    public static HightouchOrigin of(String baseUrl, String option, String example, String secret) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException(option + ": must be set (e.g. " + example + ")");
        }
        URI uri = parse(baseUrl, option);
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException(option + ": must be an https URL, got " + baseUrl);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(option + ": has no host: " + baseUrl);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(option + ": must not carry a query, fragment or user info: " + baseUrl);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if ("http".equals(scheme) && !isLoopback(host)) {
            throw new IllegalArgumentException(
                    option + ": plain http is only allowed for loopback addresses (" + secret
                                               + " would travel in clear text): " + baseUrl);
        }
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return new HightouchOrigin(trimmed, scheme, host, effectivePort(scheme, uri.getPort()));
    }

    /**
     * The base URL without a trailing slash.
     */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * The full URL for a path below the base URL, or an absolute URL checked to be on this origin.
     *
     * @param  option                   the option name used in the error message
     * @throws IllegalArgumentException when an absolute URL is on another origin
     */
    public String resolve(String pathOrUrl, String option) {
        if (pathOrUrl == null || pathOrUrl.isBlank()) {
            throw new IllegalArgumentException(option + ": must be set to a Hightouch path such as /syncs/42/trigger");
        }
        String lower = pathOrUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri = parse(pathOrUrl, option);
            String otherScheme = uri.getScheme().toLowerCase(Locale.ROOT);
            String otherHost = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            if (!scheme.equals(otherScheme) || !host.equals(otherHost)
                    || port != effectivePort(otherScheme, uri.getPort()) || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException(
                        option + ": " + pathOrUrl + " is not on the origin of baseUrl (" + scheme + "://" + host + ":" + port
                                                   + "); the API key is only sent to that origin");
            }
            return pathOrUrl;
        }
        if (lower.contains("://") || pathOrUrl.startsWith("//")) {
            throw new IllegalArgumentException(option + ": must be a path below baseUrl or an https URL, got " + pathOrUrl);
        }
        URI relative = parse("http://localhost" + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl, option);
        if (relative.getRawFragment() != null) {
            throw new IllegalArgumentException(option + ": must not carry a fragment (#...), got " + pathOrUrl);
        }
        for (String segment : relative.getRawPath().split("/")) {
            if (isDotSegment(segment)) {
                throw new IllegalArgumentException(option + ": must not hold a dot-segment (. or ..), got " + pathOrUrl);
            }
        }
        return baseUrl + (pathOrUrl.startsWith("/") ? pathOrUrl : "/" + pathOrUrl);
    }

    /**
     * The one way a request is made: its URL is parsed and checked to be on this origin, so a request that exists
     * cannot go anywhere else.
     *
     * @param  url                      a full URL built from the base URL (encoded path and query)
     * @throws IllegalArgumentException when the URL is not on this origin or not a valid URI
     */
    public HightouchRequest request(String operation, HightouchHttpMethod method, String url, byte[] body,
                                    List<ExtraHeaders.Header> headers, boolean idempotent) {
        return new HightouchRequest(operation, method, checked(url), body, headers == null ? List.of() : headers,
                idempotent);
    }

    /**
     * The URL parsed and checked to be on this origin. The last URL that passed is kept (an endpoint sends most of its
     * requests to one URL): the same text is the same URI, so it is not parsed and checked again.
     */
    private URI checked(String url) {
        CheckedUrl last = lastChecked;
        if (last != null && last.url.equals(url)) {
            return last.uri;
        }
        URI uri = parse(url, "url");
        String otherScheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        String otherHost = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (!scheme.equals(otherScheme) || !host.equals(otherHost) || port != effectivePort(otherScheme, uri.getPort())
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("url: " + url + " is not on the origin of baseUrl (" + scheme + "://" + host
                                               + ":" + port + ")");
        }
        lastChecked = new CheckedUrl(url, uri);
        return uri;
    }

    /** A URL that passed {@link #checked}, with its URI (both immutable). */
    private record CheckedUrl(String url, URI uri) {
    }

    /**
     * The origin as HttpClient's target host: every request of this origin is sent to it, whatever its URI says.
     */
    public HttpHost httpHost() {
        return httpHost;
    }

    @Override
    public String toString() {
        return baseUrl;
    }

    private static URI parse(String url, String option) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + ": is not a valid URL: " + e.getMessage(), e);
        }
    }

    private static int effectivePort(String scheme, int port) {
        if (port != -1) {
            return port;
        }
        return "https".equals(scheme) ? 443 : 80;
    }

    /**
     * Whether a raw path segment is {@code .} or {@code ..}, also percent-encoded ({@code %2e}) or with path parameters
     * ({@code ..;x}: RFC 2396's {@code segment = *pchar *( ";" param )}, which servlet containers and the proxies in
     * front of them strip before resolving the path).
     */
    static boolean isDotSegment(String rawSegment) {
        int semicolon = rawSegment.indexOf(';');
        String name = (semicolon < 0 ? rawSegment : rawSegment.substring(0, semicolon)).toLowerCase(Locale.ROOT)
                .replace("%2e", ".");
        return ".".equals(name) || "..".equals(name);
    }

    static boolean isLoopback(String host) {
        // only literal loopback addresses and localhost: no name is resolved here
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return "localhost".equals(h) || LOOPBACK_V4.matcher(h).matches() || "::1".equals(h)
                || "0:0:0:0:0:0:0:1".equals(h);
    }
}
