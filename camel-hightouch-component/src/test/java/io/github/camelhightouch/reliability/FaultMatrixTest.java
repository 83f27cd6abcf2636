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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchTransportException;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each fault crossed with each kind of call (two creates, an idempotent read, a trigger): what is retried, what is
 * not, how many requests reached the server and what the route sees in the end.
 */
class FaultMatrixTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().serverPerTest().fastRetries();

    /** How the call should end. */
    enum Expect {
        SUCCESS,
        API_ERROR,
        OUTCOME_UNKNOWN,
        UNREACHABLE
    }

    /** A kind of call: path, URI and body. */
    enum Call {
        CREATE_SOURCE("/api/v1/sources", "hightouch:createSource",
                Map.of("name", "pg", "slug", "pg", "type", "postgres", "configuration", Map.of("host", "db"))),
        CREATE_MODEL("/api/v1/models", "hightouch:createModel",
                Map.of("name", "m", "slug", "m", "queryType", "raw_sql", "sourceId", 1, "isSchema", false,
                        "primaryKey", "id", "raw", Map.of("sql", "select 1"))),
        RAW_GET("/api/v1/sources", "hightouch:raw?httpMethod=GET&url=/sources", null),
        TRIGGER_SYNC("/api/v1/syncs/42/trigger", "hightouch:triggerSync?syncId=42", Map.of("fullResync", false));

        final String path;
        final String uri;
        final Object body;

        Call(String path, String uri, Object body) {
            this.path = path;
            this.uri = uri;
            this.body = body;
        }

        boolean idempotent() {
            return this == RAW_GET;
        }
    }

    /** A fault the stand-in injects. */
    enum Injected {
        RESET_BEFORE_REQUEST,
        RESET_AFTER_REQUEST,
        EMPTY_RESPONSE,
        MALFORMED_CHUNK,
        RANDOM_DATA_THEN_CLOSE,
        DELAY_PAST_RESPONSE_TIMEOUT,
        STORM_429,
        STORM_429_RETRY_AFTER,
        HTML_500,
        ONE_503_THEN_SUCCESS
    }

    static final int MAX_RETRIES = 3;

    static Stream<Arguments> matrix() {
        List<Arguments> cells = new ArrayList<>();
        for (Call call : Call.values()) {
            for (Injected fault : Injected.values()) {
                cells.add(Arguments.of(call, fault));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("matrix")
    void faultIsHandledAsDesigned(Call call, Injected fault) throws Exception {
        try (CamelContext context = HIGHTOUCH.newContext()) {
            String uri = call.uri + (call.uri.contains("?") ? "&" : "?") + "maxRetries=" + MAX_RETRIES
                         + "&responseTimeout=300&rateLimit=0";
            String baseUrl = HIGHTOUCH.baseUrl();
            if (fault == Injected.RESET_BEFORE_REQUEST) {
                // nothing listens there: the connection is refused before anything is sent
                int closedPort = HIGHTOUCH.server().port();
                HIGHTOUCH.server().stop();
                baseUrl = "http://127.0.0.1:" + closedPort + "/api/v1";
            } else {
                stub(HIGHTOUCH.server(), call, fault);
            }
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            String target = uri + "&baseUrl=" + baseUrl;
            Exchange result = template.request(target, e -> e.getMessage().setBody(call.body));

            int expectedRequests = expectedRequests(call, fault);
            if (fault != Injected.RESET_BEFORE_REQUEST) {
                RequestPatternBuilder onPath = anyRequestedFor(urlPathEqualTo(call.path));
                // WireMock journals a request after its fault is served: give the journal a moment
                long until = System.currentTimeMillis() + 2000;
                while (HIGHTOUCH.server().findAll(onPath).size() < expectedRequests && System.currentTimeMillis() < until) {
                    Thread.sleep(10);
                }
                assertThat(HIGHTOUCH.server().findAll(onPath)).as("requests that reached the server").hasSize(expectedRequests);
            }
            assertThat(result.getMessage().getHeader(HightouchConstants.ATTEMPTS, Integer.class))
                    .as("attempts header").isEqualTo(expectedRequests);
            switch (expected(call, fault)) {
                case SUCCESS -> {
                    assertThat(result.getException()).isNull();
                    assertThat(result.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(200);
                }
                case API_ERROR -> assertThat(result.getException()).isInstanceOf(HightouchApiException.class)
                        .hasMessageContaining("HTTP " + status(fault));
                case OUTCOME_UNKNOWN -> {
                    assertThat(result.getException()).isInstanceOf(HightouchTransportException.class)
                            .hasMessageContaining("outcome is unknown");
                    assertThat(((HightouchTransportException) result.getException()).isOutcomeUnknown()).isTrue();
                }
                case UNREACHABLE -> {
                    assertThat(result.getException()).isInstanceOf(HightouchTransportException.class)
                            .hasMessageContaining("nothing was sent").hasMessageContaining(baseUrl);
                    assertThat(((HightouchTransportException) result.getException()).isOutcomeUnknown()).isFalse();
                }
            }
            assertThat(result.getException() == null ? "" : result.getException().getMessage())
                    .doesNotContain(HightouchStandIn.API_KEY);
        }
    }

    private static void stub(WireMockServer server, Call call, Injected fault) {
        MappingBuilder onPath = any(urlPathEqualTo(call.path));
        switch (fault) {
            case RESET_AFTER_REQUEST -> server.stubFor(onPath.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            case EMPTY_RESPONSE -> server.stubFor(onPath.willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
            case MALFORMED_CHUNK -> server.stubFor(onPath.willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
            case RANDOM_DATA_THEN_CLOSE -> server.stubFor(onPath.willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
            case DELAY_PAST_RESPONSE_TIMEOUT -> server.stubFor(onPath.willReturn(okJson("{\"id\":1}").withFixedDelay(1500)));
            case STORM_429 -> server.stubFor(onPath.willReturn(aResponse().withStatus(429)));
            case STORM_429_RETRY_AFTER -> server.stubFor(onPath.willReturn(aResponse().withStatus(429)
                    .withHeader("Retry-After", "0")));
            case HTML_500 -> server.stubFor(onPath.willReturn(html(500)));
            case ONE_503_THEN_SUCCESS -> {
                server.stubFor(onPath.inScenario("503").whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
                server.stubFor(any(urlPathEqualTo(call.path)).inScenario("503").whenScenarioStateIs("up")
                        .willReturn(okJson("{\"id\":7,\"data\":[],\"hasMore\":false}")));
            }
            default -> throw new IllegalArgumentException(fault.name());
        }
    }

    private static ResponseDefinitionBuilder html(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>" + status + " Server Error</h1></body></html>");
    }

    private static int status(Injected fault) {
        return switch (fault) {
            case STORM_429, STORM_429_RETRY_AFTER -> 429;
            case HTML_500 -> 500;
            default -> 0;
        };
    }

    /** What may be retried: 429/503/refused always; the rest only for idempotent calls. */
    private static int expectedRequests(Call call, Injected fault) {
        return switch (fault) {
            case ONE_503_THEN_SUCCESS -> 2;
            case STORM_429, STORM_429_RETRY_AFTER, RESET_BEFORE_REQUEST -> 1 + MAX_RETRIES;
            default -> call.idempotent() ? 1 + MAX_RETRIES : 1;
        };
    }

    private static Expect expected(Call call, Injected fault) {
        return switch (fault) {
            case ONE_503_THEN_SUCCESS -> Expect.SUCCESS;
            case STORM_429, STORM_429_RETRY_AFTER, HTML_500 -> Expect.API_ERROR;
            case RESET_BEFORE_REQUEST -> Expect.UNREACHABLE;
            // an idempotent call that never got an answer: still unknown whether the server acted
            default -> Expect.OUTCOME_UNKNOWN;
        };
    }
}
