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

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * hightouch:createSource: the exact request for each kind of body, the parsed response and the headers.
 */
class CreateSourceTest extends HightouchTestSupport {

    /** Hightouch's answer, with fields no spec knows yet. */
    private static final String CREATED = """
            {"id":426,"name":"Source pg","slug":"pg","workspaceId":1,"type":"postgres",
             "createdAt":"2022-12-12T22:46:57.618Z","updatedAt":"2022-12-12T22:46:57.618Z",
             "configuration":{"host":"db.example.com","port":"5432"},
             "newerField":{"nested":[1,2,3]},"anotherOne":null}""";

    private static final String SENT = """
            {"name":"Source pg","slug":"pg","type":"postgres","configuration":{"host":"db.example.com","port":"5432"}}""";

    /** A POJO body, as an application would have it. */
    public record SourceRecord(String name, String slug, String type, Map<String, Object> configuration) {
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").to("hightouch:createSource")
                        .setHeader("createdId", simple("${body[id]}"))
                        .setHeader("createdSlug", simple("${body[slug]}"))
                        .to("mock:created");
            }
        };
    }

    @Test
    void sendsTheExactRequestAndParsesTheAnswer() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(okJson(CREATED)));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("X-Secret", "route-private-value");
        headers.put("Authorization", "Bearer route-header-token");
        headers.put("Content-Type", "text/plain");
        headers.put(HightouchConstants.RESOURCE_ID, "stale");

        Exchange exchange = send("hightouch:createSource", source("pg"), headers);

        assertThat(exchange.getException()).isNull();
        List<LoggedRequest> requests = HIGHTOUCH.requests();
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo("/api/v1/sources");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + HightouchStandIn.API_KEY);
        assertThat(request.header("Authorization").values()).hasSize(1);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
        assertThat(bodyOf(request)).isEqualTo(json(SENT));
        // message headers are not forwarded
        assertThat(request.containsHeader("X-Secret")).isFalse();
        assertThat(request.getHeaders().all()).noneSatisfy(h -> assertThat(h.values().toString())
                .containsAnyOf("route-private-value", "route-header-token", "stale", "Camel"));
        assertThat(request.getAllHeaderKeys()).noneMatch(name -> name.startsWith("Camel"));

        Object body = exchange.getMessage().getBody();
        assertThat(body).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> created = (Map<String, Object>) body;
        assertThat(created).containsEntry("id", 426).containsEntry("slug", "pg").containsKey("newerField")
                .containsEntry("anotherOne", null);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(200);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(426);
        // the route's own headers stay on the message, untouched
        assertThat(exchange.getMessage().getHeader("X-Secret")).isEqualTo("route-private-value");
    }

    static Stream<Arguments> bodies() {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("host", "db.example.com");
        configuration.put("port", "5432");
        return Stream.of(
                Arguments.of("Map", (Supplier<Object>) () -> source("pg")),
                Arguments.of("POJO", (Supplier<Object>) () -> new SourceRecord("Source pg", "pg", "postgres", configuration)),
                Arguments.of("JsonNode", (Supplier<Object>) () -> json(SENT)),
                Arguments.of("String", (Supplier<Object>) () -> SENT),
                Arguments.of("byte[]", (Supplier<Object>) () -> SENT.getBytes(StandardCharsets.UTF_8)),
                Arguments.of("InputStream",
                        (Supplier<Object>) () -> new ByteArrayInputStream(SENT.getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest(name = "{0} body")
    @MethodSource("bodies")
    void sendsEveryKindOfBodyAsTheSameJson(String kind, Supplier<Object> body) {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(okJson(CREATED)));

        Exchange exchange = send("hightouch:createSource", body.get());

        assertThat(exchange.getException()).as(kind).isNull();
        assertThat(HIGHTOUCH.requests()).hasSize(1);
        LoggedRequest request = HIGHTOUCH.requests().get(0);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(bodyOf(request)).as(kind).isEqualTo(json(SENT));
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("id", 426);
    }

    @Test
    void theParsedAnswerWorksInSimple() throws Exception {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(okJson(CREATED)));
        MockEndpoint created = getMockEndpoint("mock:created");
        created.expectedMessageCount(1);
        created.expectedHeaderReceived("createdId", 426);
        created.expectedHeaderReceived("createdSlug", "pg");
        created.expectedHeaderReceived(HightouchConstants.RESOURCE_ID, 426);

        template.sendBody("direct:create", source("pg"));

        created.assertIsSatisfied();
        assertThat(created.getExchanges().get(0).getMessage().getBody()).isInstanceOf(Map.class);
    }

    @Test
    void aJsonNodeBodyIsNotChangedByConversion() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(okJson(CREATED)));
        JsonNode record = json(SENT);
        JsonNode copy = record.deepCopy();

        Exchange exchange = send("hightouch:createSource", record);

        assertThat(exchange.getException()).isNull();
        assertThat(record).isEqualTo(copy);
    }
}
