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
package io.github.camelhightouch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * hightouch:raw: every method, extra headers, relative and same-origin absolute URLs; other origins refused.
 */
class RawTest extends HightouchTestSupport {

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = HIGHTOUCH.requests();
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static void assertStandardHeaders(LoggedRequest request, boolean withBody) {
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + HightouchStandIn.API_KEY);
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
        if (withBody) {
            assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        } else {
            assertThat(request.containsHeader("Content-Type")).isFalse();
            assertThat(request.getBody()).isEmpty();
        }
    }

    @Test
    void getSendsNoBodyAndKeepsTheQuery() {
        wireMock().stubFor(get(urlPathEqualTo("/api/v1/sources"))
                .willReturn(okJson("{\"data\":[{\"id\":1},{\"id\":2}],\"hasMore\":false,\"cursor\":\"new\"}")));

        Exchange exchange = send("hightouch:raw?httpMethod=GET&url=RAW(/sources?limit=5&orderBy=slug)",
                Map.of("ignored", "a GET carries no body"));

        assertThat(exchange.getException()).isNull();
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("GET");
        assertThat(request.getUrl()).isEqualTo("/api/v1/sources?limit=5&orderBy=slug");
        assertStandardHeaders(request, false);
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("hasMore", false).containsKey("data");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(200);
    }

    @Test
    void aTopLevelArrayAnswerBecomesAList() {
        wireMock().stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("[{\"id\":1},{\"id\":2}]")));

        Exchange exchange = send("hightouch:raw?httpMethod=GET&url=/sources", null);

        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of(Map.of("id", 1), Map.of("id", 2)));
    }

    @Test
    void postIsTheDefaultMethod() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/syncs/42/trigger")).willReturn(okJson("{\"id\":\"9001\"}")));

        Exchange exchange = send("hightouch:raw?url=/syncs/42/trigger", Map.of("fullResync", true));

        assertThat(exchange.getException()).isNull();
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo("/api/v1/syncs/42/trigger");
        assertStandardHeaders(request, true);
        assertThat(bodyOf(request)).isEqualTo(json("{\"fullResync\":true}"));
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo("9001");
    }

    @Test
    void postWithoutABodySendsNone() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sync-sequences/abc/trigger"))
                .willReturn(okJson("{\"id\":\"6a0c\"}")));

        Exchange exchange = send("hightouch:raw?httpMethod=POST&url=/sync-sequences/abc/trigger", null);

        assertThat(exchange.getException()).isNull();
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertStandardHeaders(request, false);
    }

    @Test
    void patchSendsTheBody() {
        wireMock().stubFor(patch(urlPathEqualTo("/api/v1/sources/42")).willReturn(okJson("{\"id\":42,\"name\":\"renamed\"}")));

        Exchange exchange = send("hightouch:raw?httpMethod=PATCH&url=/sources/42", "{\"name\":\"renamed\"}");

        assertThat(exchange.getException()).isNull();
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("PATCH");
        assertThat(request.getUrl()).isEqualTo("/api/v1/sources/42");
        assertStandardHeaders(request, true);
        assertThat(bodyOf(request)).isEqualTo(json("{\"name\":\"renamed\"}"));
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(42);
    }

    @Test
    void putSendsTheBody() {
        // Hightouch documents no PUT: raw allows it for endpoints newer than the description
        HIGHTOUCH.allowOffContract("PUT", "/api/v1/sources/42");
        wireMock().stubFor(put(urlPathEqualTo("/api/v1/sources/42")).willReturn(okJson("{\"id\":42}")));

        Exchange exchange = send("hightouch:raw?httpMethod=PUT&url=/sources/42", Map.of("name", "replaced"));

        assertThat(exchange.getException()).isNull();
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("PUT");
        assertStandardHeaders(request, true);
        assertThat(bodyOf(request)).isEqualTo(json("{\"name\":\"replaced\"}"));
    }

    @Test
    void deleteSendsNoBody() {
        // Hightouch documents no DELETE: raw allows it for endpoints newer than the description
        HIGHTOUCH.allowOffContract("DELETE", "/api/v1/sources/42");
        wireMock().stubFor(delete(urlPathEqualTo("/api/v1/sources/42")).willReturn(okJson("{\"deleted\":true}")));

        Exchange exchange = send("hightouch:raw?httpMethod=DELETE&url=/sources/42", Map.of("ignored", true));

        assertThat(exchange.getException()).isNull();
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("DELETE");
        assertThat(request.getUrl()).isEqualTo("/api/v1/sources/42");
        assertStandardHeaders(request, false);
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("deleted", true);
    }

    @Test
    void extraHeadersAreSentAndMessageHeadersAreNot() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/syncs/42/trigger")).willReturn(okJson("{\"id\":\"1\"}")));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("X-Foo", "from-the-message");
        headers.put("X-Secret", "route-private-value");
        headers.put(Exchange.HTTP_URI, "http://127.0.0.1:1/steal");
        headers.put(Exchange.HTTP_METHOD, "DELETE");
        headers.put(Exchange.HTTP_PATH, "/elsewhere");
        headers.put(Exchange.HTTP_QUERY, "leak=1");

        Exchange exchange = send("hightouch:raw?url=/syncs/42/trigger&header.X-Foo=bar&header.X-Request-Id=req-7",
                Map.of("fullResync", false), headers);

        assertThat(exchange.getException()).isNull();
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo("/api/v1/syncs/42/trigger");
        assertThat(request.header("X-Foo").values()).containsExactly("bar");
        assertThat(request.getHeader("X-Request-Id")).isEqualTo("req-7");
        assertThat(request.containsHeader("X-Secret")).isFalse();
        assertStandardHeaders(request, true);
    }

    @ParameterizedTest
    @ValueSource(strings = { "header.Authorization=Bearer%20other", "header.Content-Type=text/plain",
                             "header.accept=text/html", "header.Host=evil.example" })
    void extraHeadersCannotReplaceTheComponentsOwn(String option) {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:raw?url=/sources&" + option))
                .hasStackTraceContaining("is refused; the component sets it");
    }

    @Test
    void extraHeadersAreOnlyForRaw() {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:createSource?header.X-Foo=bar"))
                .hasStackTraceContaining("header.*: is only for hightouch:raw");
    }

    @Test
    void aRelativeUrlWithoutLeadingSlash() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/syncs/trigger")).willReturn(okJson("{\"id\":\"5\"}")));

        send("hightouch:raw?url=syncs/trigger", Map.of("syncId", "42"));

        assertThat(onlyRequest().getUrl()).isEqualTo("/api/v1/syncs/trigger");
    }

    @Test
    void anAbsoluteUrlOnTheSameOrigin() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/syncs/42/trigger")).willReturn(okJson("{\"id\":\"1\"}")));

        Exchange exchange = send("hightouch:raw?url=RAW(" + HIGHTOUCH.baseUrl() + "/syncs/42/trigger)",
                Map.of("resetCDC", true));

        assertThat(exchange.getException()).isNull();
        LoggedRequest request = onlyRequest();
        assertThat(request.getUrl()).isEqualTo("/api/v1/syncs/42/trigger");
        assertStandardHeaders(request, true);
    }

    @Test
    void anAbsoluteUrlOnAnotherOriginIsRefusedBeforeAnyRequest() {
        WireMockServer other = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        other.start();
        try {
            other.stubFor(any(anyUrl()).willReturn(okJson("{}")));
            List<String> foreign = List.of(
                    "http://127.0.0.1:" + other.port() + "/api/v1/syncs/42/trigger",
                    "http://localhost:" + HIGHTOUCH.port() + "/api/v1/syncs/42/trigger",
                    "https://127.0.0.1:" + HIGHTOUCH.port() + "/api/v1/syncs/42/trigger",
                    "https://api.hightouch.com/api/v1/syncs/42/trigger",
                    "http://user@127.0.0.1:" + HIGHTOUCH.port() + "/api/v1/syncs/42/trigger");
            for (String url : foreign) {
                assertThatThrownBy(() -> template.sendBody("hightouch:raw?url=RAW(" + url + ")", Map.of("a", 1)))
                        .as(url)
                        .hasStackTraceContaining("url: " + url + " is not on the origin of baseUrl")
                        .hasStackTraceContaining("the API key is only sent to that origin");
            }
            for (String url : List.of("//evil.example/api/v1/x", "ftp://127.0.0.1/x")) {
                assertThatThrownBy(() -> context.getEndpoint("hightouch:raw?url=RAW(" + url + ")"))
                        .as(url)
                        .hasStackTraceContaining("url: must be a path below baseUrl or an https URL");
            }
            assertThat(other.getAllServeEvents()).isEmpty();
            assertThat(HIGHTOUCH.requests()).isEmpty();
        } finally {
            other.stop();
        }
    }

    @Test
    void rawWithoutUrlIsRefused() {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:raw"))
                .hasStackTraceContaining("url: must be set for hightouch:raw (e.g. url=/syncs/42/trigger)");
        assertThatThrownBy(() -> context.getEndpoint("hightouch:raw?httpMethod=GET&url="))
                .hasStackTraceContaining("url: must be set for hightouch:raw");
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void urlIsOnlyForRaw() {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:createSource?url=/models"))
                .hasStackTraceContaining("url: is only for hightouch:raw, not for hightouch:createSource");
    }
}
