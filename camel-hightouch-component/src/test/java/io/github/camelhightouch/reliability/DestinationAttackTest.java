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
package io.github.camelhightouch.reliability;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finding 1 and 8 of the attack: no option value, header.* name, message header or body can change where a request
 * goes, its method or its Authorization. A second server on loopback plays the attacker's host: it must never see a
 * request.
 */
class DestinationAttackTest extends HightouchTestSupport {

    private static WireMockServer elsewhere;

    @BeforeAll
    static void startElsewhere() {
        elsewhere = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere.start();
        elsewhere.stubFor(any(anyUrl()).willReturn(ok()));
    }

    @AfterAll
    static void stopElsewhere() {
        elsewhere.stop();
    }

    private static String elsewhereUrl() {
        return "http://127.0.0.1:" + elsewhere.port() + "/x";
    }

    @ParameterizedTest
    @ValueSource(strings = { "CamelHttpUri", "CamelRestHttpUri", "CamelHttpMethod", "CamelHttpPath", "CamelHttpQuery",
                             "CamelHttpRawQuery", "camelhttpuri", "Host", "Connection", "Transfer-Encoding",
                             "Content-Length", "Proxy-Authorization", "Proxy-Connection", "Cookie", "Forwarded",
                             "X-HTTP-Method-Override", "TE", "Upgrade", "Expect", "Authorization" })
    void extraHeaderNamesThatCouldRedirectOrReframeAreRefusedNamingTheOption(String name) {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:raw?url=/sources&httpMethod=GET&header." + name
                                                     + "=RAW(" + elsewhereUrl() + ")"))
                .hasStackTraceContaining("header." + name + ": is refused");
        assertThat(elsewhere.getAllServeEvents()).isEmpty();
    }

    @Test
    void aHeaderValueWithALineBreakIsRefused() {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:raw?url=/sources&httpMethod=GET&header.X-Note=a%0D%0AHost:%20x"))
                .hasStackTraceContaining("header.X-Note: the value holds a line break");
    }

    @Test
    void messageHeadersThatCamelHttpReadsChangeNothing() {
        wireMock().stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"data\":[]}")));
        Map<String, Object> hostile = Map.of(
                Exchange.HTTP_URI, elsewhereUrl(), "CamelRestHttpUri", elsewhereUrl(), Exchange.HTTP_METHOD, "DELETE",
                Exchange.HTTP_PATH, "/other", Exchange.HTTP_QUERY, "evil=1", "Authorization", "Bearer someone-else",
                "Host", "evil.example", Exchange.CONTENT_TYPE, "text/plain");

        Exchange exchange = send("hightouch:raw?url=/sources&httpMethod=GET", null, hostile);

        assertThat(exchange.getException()).isNull();
        assertThat(elsewhere.getAllServeEvents()).isEmpty();
        List<LoggedRequest> requests = HIGHTOUCH.requests();
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getMethod().getName()).isEqualTo("GET");
        assertThat(request.getUrl()).isEqualTo("/api/v1/sources");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + HightouchStandIn.API_KEY);
        assertThat(request.getHeader("Host")).isEqualTo("127.0.0.1:" + HIGHTOUCH.port());
    }

    @Test
    void aListBodyOnARawGetIsOneRequest() {
        wireMock().stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"data\":[]}")));

        Exchange exchange = send("hightouch:raw?url=/sources&httpMethod=GET", List.of(Map.of("a", 1), Map.of("b", 2),
                Map.of("c", 3)));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).hasSize(1);
        assertThat(HIGHTOUCH.requests().get(0).getBody()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/sources/../../other", "/./sources", "/sources/%2e%2e/x", "/sources#frag",
                             "//127.0.0.2/x", "http://127.0.0.1:1/x" })
    void rawUrlsThatLeaveTheApiAreRefused(String url) {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:raw?url=RAW(" + url + ")"))
                .hasStackTraceContaining("url: ");
    }

    @Test
    void urlIsNotAComponentOption() {
        // a component-wide url would make every other endpoint fail to start: it is an endpoint option of raw only
        assertThat(io.github.camelhightouch.HightouchConfiguration.class.getDeclaredFields())
                .extracting(java.lang.reflect.Field::getName)
                .doesNotContain("url", "httpMethod", "headers", "batchMode");
    }
}
