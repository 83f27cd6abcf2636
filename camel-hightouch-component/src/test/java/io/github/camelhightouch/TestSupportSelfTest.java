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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.HightouchTestSupport;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.Exchange;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test support can fail: the contract check catches a request Hightouch's description refuses, and the log
 * capture sees detailed lines and catches a logged key.
 */
class TestSupportSelfTest extends HightouchTestSupport {

    @Test
    void contractCheckReportsAnInvalidBodySentWithValidationOff() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"id\":1}")));
        Map<String, Object> invalid = source("pg");
        invalid.remove("type");
        invalid.put("unknownField", "x");

        Exchange exchange = send("hightouch:createSource?validate=false", invalid);

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).hasSize(1);
        List<String> violations = HIGHTOUCH.contractViolations();
        assertThat(violations).hasSize(1);
        assertThat(violations.get(0)).startsWith("POST /api/v1/sources")
                .contains("Object has missing required properties ([\"type\"])")
                .contains("not allowed by the schema: [\"unknownField\"]");
        // the same check that runs after each test fails it
        assertThatThrownBy(HIGHTOUCH::assertRequestsMatchContract).isInstanceOf(AssertionError.class)
                .hasMessageContaining("unknownField");
        // acknowledged: the violation was the point of this test
        HIGHTOUCH.forgetRequests();
    }

    @Test
    void contractCheckReportsAPathOutsideTheApiAndAMethodTheApiDoesNotHave() {
        wireMock().stubFor(post(urlPathEqualTo("/elsewhere")).willReturn(okJson("{}")));
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources/7")).willReturn(okJson("{}")));

        send("hightouch:raw?url=RAW(" + HIGHTOUCH.origin() + "/elsewhere)", Map.of("a", 1));
        send("hightouch:raw?url=/sources/7", Map.of("name", "x"));

        assertThat(HIGHTOUCH.contractViolations()).hasSize(2)
                .anySatisfy(v -> assertThat(v).startsWith("POST /elsewhere").contains("outside"))
                .anySatisfy(v -> assertThat(v).startsWith("POST /api/v1/sources/7").contains("operation not allowed"));
        HIGHTOUCH.forgetRequests();
    }

    @Test
    void contractCheckReportsARequestWithoutTheBearerKey() throws Exception {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"id\":1}")));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(HIGHTOUCH.baseUrl() + "/sources"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(source("pg"))))
                .build();

        assertThat(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

        assertThat(HIGHTOUCH.contractViolations()).singleElement().asString()
                .startsWith("POST /api/v1/sources").contains("security");
        HIGHTOUCH.forgetRequests();
    }

    @Test
    void contractCheckAcceptsTheComponentsOwnRequests() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"id\":1}")));
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/models")).willReturn(okJson("{\"id\":2}")));

        send("hightouch:createSource", source("pg"));
        send("hightouch:createModel", model("m"));

        assertThat(HIGHTOUCH.requests()).hasSize(2);
        assertThat(HIGHTOUCH.contractViolations()).isEmpty();
    }

    @Test
    void logCaptureSeesDetailedLinesAndCatchesTheKey() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"id\":1}")));
        send("hightouch:createSource", source("pg"));

        assertThat(LOGS.lines()).anySatisfy(line -> {
            assertThat(line.logger()).startsWith("org.apache.camel");
            assertThat(line.level()).isEqualTo(Level.DEBUG);
        });

        LoggerFactory.getLogger(getClass()).trace("careless line with {}", HightouchStandIn.API_KEY);
        assertThat(LOGS.linesContaining(HightouchStandIn.API_KEY_SECRET)).hasSize(1);
        assertThatThrownBy(LOGS::assertNothingForbiddenLogged).isInstanceOf(AssertionError.class)
                .hasMessageContaining("<FORBIDDEN>")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(HightouchStandIn.API_KEY_SECRET));
        LOGS.clear();
        assertThat(LogCapture.DETAILED_LOGGERS).containsKeys("io.github.camelhightouch", "org.apache.camel");
    }
}
