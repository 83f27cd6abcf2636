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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.testing.ApiKeyLeaks;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component in a route: a split of 100 records through a dead letter channel. 10 records fail (5 invalid,
 * 5 answered with errors); the stand-in receives every good record exactly once, and the dead letter endpoint
 * receives exactly the 10 others, each with its cause.
 */
class DeadLetterRouteTest extends HightouchTestSupport {

    private static final int RECORDS = 100;
    private static final Set<Integer> INVALID = Set.of(7, 27, 47, 67, 87);
    /** Records the stand-in refuses, with the status it answers. */
    private static final Map<Integer, Integer> REFUSED = Map.of(17, 409, 37, 422, 57, 409, 77, 422, 97, 500);

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead"));
                from("direct:records").routeId("records")
                        .split(body())
                        .to("hightouch:createSource")
                        .to("mock:created");
            }
        };
    }

    private static String slug(int i) {
        return "src-" + i;
    }

    @Test
    void goodRecordsReachHightouchOnceAndTheOthersTheDeadLetterEndpoint() throws Exception {
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            Map<String, Object> record = source(slug(i));
            if (INVALID.contains(i)) {
                record.remove("type");
            }
            records.add(record);
            var request = post(urlPathEqualTo("/api/v1/sources")).withRequestBody(matchingJsonPath("$.slug", equalTo(slug(i))));
            if (REFUSED.containsKey(i)) {
                int status = REFUSED.get(i);
                wireMock().stubFor(request.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(status == 500 ? "\"Internal Server Error\""
                                : "{\"message\":\"Validation failed\",\"details\":{\"slug\":\"" + slug(i) + " refused\"}}")));
            } else if (!INVALID.contains(i)) {
                wireMock().stubFor(request.willReturn(okJson("{\"id\":" + (1000 + i) + ",\"slug\":\"" + slug(i) + "\"}")));
            }
        }
        MockEndpoint created = getMockEndpoint("mock:created");
        created.expectedMessageCount(RECORDS - 10);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(10);

        template.sendBody("direct:records", records);

        MockEndpoint.assertIsSatisfied(context, 20, TimeUnit.SECONDS);

        // the stand-in: every good record once, every refused record once (no repeat), never an invalid one
        Map<String, Integer> received = new TreeMap<>();
        for (LoggedRequest request : HIGHTOUCH.requests()) {
            assertThat(request.getUrl()).isEqualTo("/api/v1/sources");
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + HightouchStandIn.API_KEY);
            received.merge(bodyOf(request).get("slug").asText(), 1, Integer::sum);
        }
        Map<String, Integer> good = new TreeMap<>();
        Map<String, Integer> answeredWithErrors = new TreeMap<>();
        for (int i = 0; i < RECORDS; i++) {
            if (REFUSED.containsKey(i)) {
                answeredWithErrors.put(slug(i), 1);
            } else if (!INVALID.contains(i)) {
                good.put(slug(i), 1);
            }
        }
        assertThat(good).hasSize(90);
        Map<String, Integer> expected = new TreeMap<>(good);
        expected.putAll(answeredWithErrors);
        assertThat(received).isEqualTo(expected);

        // the created ones carry their ids
        Map<String, Object> createdIds = new HashMap<>();
        for (Exchange exchange : created.getExchanges()) {
            Map<?, ?> body = exchange.getMessage().getBody(Map.class);
            createdIds.put((String) body.get("slug"), exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID));
            ApiKeyLeaks.assertNotIn(exchange, HightouchStandIn.API_KEY_SECRET);
        }
        assertThat(createdIds).hasSize(90);
        createdIds.forEach((slug, id) -> assertThat(id).isEqualTo(1000 + Integer.parseInt(slug.substring(4))));

        // the dead letter endpoint: exactly the 10 others, the record untouched, with its cause
        Map<Integer, Throwable> causes = new TreeMap<>();
        for (Exchange exchange : dead.getExchanges()) {
            Map<?, ?> record = exchange.getMessage().getBody(Map.class);
            int index = Integer.parseInt(((String) record.get("slug")).substring(4));
            assertThat(record).isEqualTo(records.get(index));
            Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            causes.put(index, cause);
            ApiKeyLeaks.assertNotIn(exchange, HightouchStandIn.API_KEY_SECRET);
        }
        Set<Integer> failed = new TreeSet<>(INVALID);
        failed.addAll(REFUSED.keySet());
        assertThat(causes.keySet()).isEqualTo(failed);
        for (int i : INVALID) {
            assertThat(causes.get(i)).isInstanceOf(HightouchValidationException.class)
                    .hasMessageContaining("type: is required");
        }
        for (Map.Entry<Integer, Integer> refused : REFUSED.entrySet()) {
            Throwable cause = causes.get(refused.getKey());
            assertThat(cause).isInstanceOf(HightouchApiException.class)
                    .hasMessageContaining("failed with HTTP " + refused.getValue());
            HightouchApiException api = (HightouchApiException) cause;
            assertThat(api.getStatusCode()).isEqualTo(refused.getValue());
            if (refused.getValue() != 500) {
                assertThat(api.getDetails()).isEqualTo(Map.of("slug", slug(refused.getKey()) + " refused"));
            }
        }
        assertThat(dead.getExchanges().stream().map(e -> e.getProperty(Exchange.FAILURE_ENDPOINT, String.class))
                .collect(Collectors.toSet())).allSatisfy(uri -> assertThat(uri).startsWith("hightouch://createSource"));
    }
}
