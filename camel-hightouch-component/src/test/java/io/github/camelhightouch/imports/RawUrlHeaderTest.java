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
package io.github.camelhightouch.imports;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * raw's per-message CamelHightouchUrl header: one static endpoint serves many Hightouch paths, and no header value can
 * send a request (or the API key) anywhere else. A second server on loopback plays the attacker's host.
 */
class RawUrlHeaderTest extends HightouchTestSupport {

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

    @AfterEach
    void nothingReachedTheOtherHost() {
        assertThat(elsewhere.getAllServeEvents()).isEmpty();
    }

    private Exchange raw(String uri, Object body, Object header) {
        wireMock().stubFor(any(anyUrl()).willReturn(okJson("{\"id\":\"1\"}")));
        return send(uri, body, Map.of(HightouchConstants.URL, header));
    }

    @Test
    void oneEndpointServesManyPaths() {
        for (String path : List.of("/syncs/42/trigger", "/syncs/43/trigger", "syncs/44/trigger")) {
            Exchange exchange = raw("hightouch:raw?url=/syncs/1/trigger", Map.of("fullResync", true), path);
            assertThat(exchange.getException()).isNull();
        }
        assertThat(HIGHTOUCH.requests()).extracting(LoggedRequest::getUrl).containsExactly(
                "/api/v1/syncs/42/trigger", "/api/v1/syncs/43/trigger", "/api/v1/syncs/44/trigger");
        assertThat(HIGHTOUCH.requests()).allSatisfy(r -> assertThat(r.getHeader("Authorization"))
                .isEqualTo("Bearer " + HightouchStandIn.API_KEY));
    }

    @Test
    void withoutTheHeaderTheUrlOptionIsUsed() {
        wireMock().stubFor(any(anyUrl()).willReturn(okJson("{\"data\":[]}")));

        send("hightouch:raw?url=/sources&httpMethod=GET", null);

        assertThat(HIGHTOUCH.requests()).extracting(LoggedRequest::getUrl).containsExactly("/api/v1/sources");
    }

    @Test
    void aQueryAndAnAbsoluteUrlBelowTheBaseUrlAreKept() {
        raw("hightouch:raw?url=/sources&httpMethod=GET", null, "/sources?slug=pg&limit=5");
        raw("hightouch:raw?url=/sources&httpMethod=GET", null, HIGHTOUCH.baseUrl() + "/models");

        assertThat(HIGHTOUCH.requests()).extracting(LoggedRequest::getUrl)
                .containsExactly("/api/v1/sources?slug=pg&limit=5", "/api/v1/models");
    }

    @Test
    void aListBodyGoesElementByElementToTheHeaderUrl() {
        Exchange exchange = raw("hightouch:raw?url=/sources", List.of(source("a"), source("b")), "/destinations");

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).extracting(LoggedRequest::getUrl)
                .containsExactly("/api/v1/destinations", "/api/v1/destinations");
    }

    @Test
    void otherOperationsIgnoreTheHeader() {
        wireMock().stubFor(any(anyUrl()).willReturn(okJson("{\"id\":42}")));

        Exchange exchange = send("hightouch:getSource?sourceId=42", null,
                Map.of(HightouchConstants.URL, "http://127.0.0.1:" + elsewhere.port() + "/x"));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).extracting(LoggedRequest::getUrl).containsExactly("/api/v1/sources/42");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "http://127.0.0.1:ELSEWHERE/api/v1/sources", "https://127.0.0.1:PORT/api/v1/sources", "//127.0.0.1:ELSEWHERE/x",
        "http://127.0.0.1:PORT@127.0.0.1:ELSEWHERE/api/v1/x", "http://user:pw@127.0.0.1:PORT/api/v1/sources",
        "http://127.0.0.1:PORT/other", "http://127.0.0.1:PORT/api/v1/../other", "http://127.0.0.1:PORT/api/v10",
        "http://localhost:PORT/api/v1/sources", "http://127.0.0.1.:PORT/api/v1/sources", "/../other", "/sources/../../x",
        "/sources/%2e%2e/%2e%2e/x", "/sources/%2E./x", "/sources/.%2e/x", "/./sources", "/sources%2f..%2f..%2fx",
        "/sources%5c..%5cx", "/sources%252e%252e", "/sources\\..\\x", "/sources#frag", "/sources\r\nHost: evil",
        "/sources\nX: y", "/sources x", "/sources\u0000", "/sourcés", "/sources\u2028", "ftp://127.0.0.1:PORT/x",
        "javascript:alert(1)", "http:/127.0.0.1:ELSEWHERE/x", "\\\\127.0.0.1:ELSEWHERE\\x", "HTTP://127.0.0.1:ELSEWHERE/x",
        "http://[::1]:ELSEWHERE/x", "http://2130706433:ELSEWHERE/x", "%2f%2f127.0.0.1:ELSEWHERE/x" })
    void aHeaderThatLeavesTheApiFailsTheExchangeAndSendsNothing(String template) {
        String header = template.replace("ELSEWHERE", String.valueOf(elsewhere.port()))
                .replace("PORT", String.valueOf(HIGHTOUCH.port()));
        Map<String, Object> record = Map.of("name", "x");

        Exchange exchange = raw("hightouch:raw?url=/sources", record, header);

        assertThat(exchange.getException()).as(header).isInstanceOf(HightouchValidationException.class);
        assertThat(((HightouchValidationException) exchange.getException()).getViolations()).extracting(Violation::field)
                .containsExactly("header " + HightouchConstants.URL);
        assertThat(exchange.getException().getMessage()).doesNotContain("\r", "\n");
        assertThat(exchange.getMessage().getBody()).isEqualTo(record);
        assertThat(HIGHTOUCH.requests()).as(header).isEmpty();
    }

    @Test
    void aHeaderThatIsNotTextIsRefused() {
        Exchange exchange = raw("hightouch:raw?url=/sources", null, java.net.URI.create("http://127.0.0.1:1/x"));

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class)
                .hasMessageContaining("must be a String");
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }
}
