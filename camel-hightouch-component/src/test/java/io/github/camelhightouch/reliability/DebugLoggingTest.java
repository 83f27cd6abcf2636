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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import io.github.camelhightouch.testing.LogLevels;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every logger at DEBUG ({@code logging.level.root=DEBUG} in Spring Boot), HttpClient's wire and header logs
 * included, the component starts and works, says once at WARN that it keeps its connections out of the wire log, and
 * no log line at any level holds the API key, plainly, URL-encoded or base64-encoded.
 */
class DebugLoggingTest {

    private static final String WIRE_LOG = "org.apache.hc.client5.http.wire";
    private static final String HEADER_LOG = "org.apache.hc.client5.http.headers";
    private static final String API = "/api/v1";

    /** The key, and each form in which a log line could carry it. */
    private static final Set<String> KEY_FORMS = keyForms();

    @RegisterExtension
    @Order(1)
    static final LogCapture LOGS = new LogCapture().forbid(KEY_FORMS.toArray(String[]::new));

    @RegisterExtension
    @Order(2)
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().fastRetries();

    /**
     * The key as is and URL-encoded, and the parts of its secret that every base64 text containing it holds,
     * whichever of the three byte alignments it has there, in the standard and the URL-safe alphabet.
     */
    private static Set<String> keyForms() {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(HightouchStandIn.API_KEY);
        forms.add(HightouchStandIn.API_KEY_SECRET);
        forms.add(URLEncoder.encode(HightouchStandIn.API_KEY, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode("Bearer " + HightouchStandIn.API_KEY, StandardCharsets.UTF_8));
        byte[] secret = HightouchStandIn.API_KEY_SECRET.getBytes(StandardCharsets.US_ASCII);
        for (int offset = 0; offset < 3; offset++) {
            byte[] text = new byte[offset + secret.length];
            System.arraycopy(secret, 0, text, offset, secret.length);
            // the 4-character groups that encode only bytes of the secret
            int firstGroup = (offset + 2) / 3;
            int endGroup = text.length / 3;
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                forms.add(encoder.encodeToString(text).substring(4 * firstGroup, 4 * endGroup));
            }
        }
        return forms;
    }

    private static Map<String, Object> source() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", "Source pg");
        record.put("slug", "pg");
        record.put("type", "postgres");
        record.put("configuration", Map.of("host", "db.example.com"));
        return record;
    }

    @Test
    void everyLoggerAtDebugTheComponentStartsWorksAndNoLineHoldsTheKey() throws Exception {
        HIGHTOUCH.server().stubFor(post(API + "/sources").willReturn(okJson("{\"id\":7,\"slug\":\"pg\"}")));
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo(API + "/sources"))
                .willReturn(okJson("{\"data\":[{\"id\":7},{\"id\":8}],\"hasMore\":false}")));
        HIGHTOUCH.server().stubFor(post(API + "/syncs/1/trigger").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Unauthorized\"}")));
        List<Exchange> exchanges = new ArrayList<>();

        try (LogLevels debug = LogLevels.everyLoggerAt(Level.DEBUG)) {
            assertThat(LoggerFactory.getLogger(WIRE_LOG).isDebugEnabled()).isTrue();
            assertThat(LoggerFactory.getLogger(HEADER_LOG).isDebugEnabled()).isTrue();
            assertThat(LoggerFactory.getLogger("any.library").isDebugEnabled()).isTrue();
            // the wire log reaches the capture: this line, and no other, is expected from it
            LoggerFactory.getLogger(WIRE_LOG).debug("probe");

            try (CamelContext context = HIGHTOUCH.newContext()) {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:create").routeId("create").to("hightouch:createSource");
                        from("direct:list").routeId("list").to("hightouch:listSources");
                        from("direct:raw").routeId("raw").to("hightouch:raw?url=/syncs/1/trigger");
                    }
                });
                context.start();
                ProducerTemplate template = context.createProducerTemplate();

                exchanges.add(HightouchStandIn.send(template, "direct:create", source(), Map.of()));
                exchanges.add(HightouchStandIn.send(template, "direct:list", null, Map.of()));
                exchanges.add(HightouchStandIn.send(template, "direct:raw", Map.of("fullResync", true), Map.of()));
            }
        }

        assertThat(exchanges.get(0).getException()).isNull();
        assertThat(exchanges.get(0).getMessage().getBody(Map.class)).containsEntry("id", 7);
        assertThat(exchanges.get(1).getException()).isNull();
        assertThat(exchanges.get(1).getMessage().getBody(List.class)).hasSize(2);
        assertThat(exchanges.get(2).getException()).isInstanceOf(HightouchApiException.class);
        assertThat(((HightouchApiException) exchanges.get(2).getException()).getStatusCode()).isEqualTo(401);
        assertThat(HIGHTOUCH.requests()).hasSize(3).allSatisfy(request -> assertThat(request.getHeader("Authorization"))
                .isEqualTo("Bearer " + HightouchStandIn.API_KEY));

        List<LogCapture.Line> lines = LOGS.lines();
        assertThat(lines).as("HttpClient's header log was on, and printed the header masked")
                .anyMatch(line -> line.logger().equals(HEADER_LOG) && line.contains("Authorization: xxxxxx"));
        assertThat(lines).as("the route's failure was logged with its exception")
                .anyMatch(line -> line.level() == Level.ERROR && line.throwable().contains("HightouchApiException"));
        assertThat(lines).as("nothing but the probe went to the wire log")
                .filteredOn(line -> line.logger().equals(WIRE_LOG)).extracting(LogCapture.Line::message)
                .containsExactly("probe");
        assertThat(lines).as("one WARN names the wire log")
                .filteredOn(line -> line.level() == Level.WARN && line.contains(WIRE_LOG)).singleElement()
                .satisfies(line -> assertThat(line.message()).contains("Hightouch", "Authorization"));
        LOGS.assertNothingForbiddenLogged();
    }
}
