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

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever Hightouch answers, the HightouchApiException that every error handler logs has a message of a few KB: huge
 * {@code message} and {@code details}, a 10 MB HTML page, invalid UTF-8, one huge JSON string, JSON nested 100,000
 * deep. The full {@code message} and {@code details} stay available from their getters, and the body is kept cut at
 * {@link HightouchApiException#MAX_BODY_CHARS}.
 */
class ErrorTextBoundsTest {

    /** The bound every exception message of the component keeps. */
    private static final int MESSAGE_BOUND = 4096;

    /** The bound of getResponseBody(), with room for the cut marker. */
    private static final int BODY_BOUND = 64 * 1024 + 64;

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().serverPerTest();

    private static Map<String, Object> source() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", "Source pg");
        record.put("slug", "pg");
        record.put("type", "postgres");
        record.put("configuration", Map.of("host", "db.example.com"));
        return record;
    }

    /** createSource answered with the status and body; the exchange's exception, checked to be bounded. */
    private static HightouchApiException createSourceFails(int status, String contentType, byte[] body,
                                                           Consumer<HightouchComponent> component) throws Exception {
        HIGHTOUCH.server().stubFor(post(urlPathEqualTo("/api/v1/sources"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
        try (CamelContext context = HIGHTOUCH.newContext()) {
            component.accept(context.getComponent("hightouch", HightouchComponent.class));
            context.start();
            Exchange exchange = context.createProducerTemplate().request("hightouch:createSource",
                    e -> e.getMessage().setBody(source()));
            assertThat(exchange.getException()).isInstanceOf(HightouchApiException.class);
            HightouchApiException e = (HightouchApiException) exchange.getException();
            assertThat(e.getMessage()).startsWith("Hightouch createSource (POST " + HIGHTOUCH.baseUrl() + "/sources)")
                    .contains("HTTP " + status);
            assertThat(e.getMessage().length()).as("message length").isLessThanOrEqualTo(MESSAGE_BOUND);
            assertThat(e.toString().length()).as("toString length").isLessThanOrEqualTo(MESSAGE_BOUND + 100);
            assertThat(e.getResponseBody().length()).as("body length").isLessThanOrEqualTo(BODY_BOUND);
            return e;
        }
    }

    private static HightouchApiException createSourceFails(int status, String contentType, byte[] body)
            throws Exception {
        return createSourceFails(status, contentType, body, component -> {
        });
    }

    @Test
    void hugeMessageAndDetailsAreCutInTheMessageButKeptByTheGetters() throws Exception {
        String message = "Validation failed: " + "m".repeat(100_000);
        String detail = "slug taken " + "d".repeat(100_000);
        String body = "{\"message\":\"" + message + "\",\"details\":{\"slug\":\"" + detail + "\"}}";

        HightouchApiException e = createSourceFails(422, "application/json", body.getBytes(StandardCharsets.UTF_8));

        assertThat(e.getMessage()).contains("HTTP 422: Validation failed: mmm").contains("...(cut, ")
                .contains("details={slug=slug taken ddd");
        assertThat(e.getMessage()).matches("(?s).*\\.\\.\\.\\(cut, \\d+ chars\\).*");
        assertThat(e.getApiMessage()).isEqualTo(message);
        assertThat(e.getDetails()).isEqualTo(Map.of("slug", detail));
        assertThat(e.getResponseBody()).startsWith(body.substring(0, 1000)).matches("(?s).*\\.\\.\\.\\(cut, \\d+ bytes\\)$");
    }

    @Test
    void tenMegabyteHtmlPageIsCut() throws Exception {
        String page = "<!DOCTYPE html><html><body>" + "<p>upstream unavailable</p>".repeat(400_000) + "</body></html>";
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(10_000_000);

        HightouchApiException e = createSourceFails(502, "text/html", bytes);

        assertThat(e.getApiMessage()).isNull();
        assertThat(e.getDetails()).isNull();
        assertThat(e.getMessage()).contains("HTTP 502: <!DOCTYPE html>");
        String shown = page.substring(0, HightouchApiException.MAX_BODY_CHARS);
        String expected = shown + "...(cut, " + (bytes.length - shown.length()) + " bytes)";
        assertThat(e.getResponseBody().length()).isEqualTo(expected.length());
        assertThat(e.getResponseBody().equals(expected)).as("the first MAX_BODY_CHARS characters and the cut marker")
                .isTrue();
    }

    @Test
    void invalidUtf8IsShownWithReplacementCharacters() throws Exception {
        byte[] garbage = new byte[300_000];
        byte[] pattern = { (byte) 0xC3, 0x28, (byte) 0xFF, 0x41, (byte) 0x80, (byte) 0xF0, (byte) 0x9F };
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = pattern[i % pattern.length];
        }

        HightouchApiException e = createSourceFails(500, "application/octet-stream", garbage);

        assertThat(e.getApiMessage()).isNull();
        assertThat(e.getResponseBody()).contains("\uFFFD(\uFFFDA").matches("(?s).*\\.\\.\\.\\(cut, \\d+ bytes\\)$");
        assertThat(e.getMessage()).contains("HTTP 500: \uFFFD(");
    }

    @Test
    void oneHugeJsonStringIsCutInTheMessage() throws Exception {
        String text = "Internal " + "x".repeat(5_000_000);

        HightouchApiException e = createSourceFails(500, "application/json",
                ("\"" + text + "\"").getBytes(StandardCharsets.UTF_8));

        assertThat(e.getApiMessage()).isEqualTo(text);
        Matcher cut = Pattern.compile("HTTP 500: (Internal x+)\\.\\.\\.\\(cut, (\\d+) chars\\)").matcher(e.getMessage());
        assertThat(cut.find()).as("a cut piece in the message").isTrue();
        assertThat(cut.group(1).length() + Long.parseLong(cut.group(2))).as("shown + cut").isEqualTo(text.length());
    }

    @Test
    void jsonNestedDeeperThanTheParserAllowsBecomesText() throws Exception {
        String nested = "[".repeat(100_000) + "]".repeat(100_000);

        HightouchApiException e = createSourceFails(422, "application/json", nested.getBytes(StandardCharsets.US_ASCII));

        assertThat(e.getApiMessage()).isNull();
        assertThat(e.getDetails()).isNull();
        assertThat(e.getResponseBody()).startsWith("[[[[[[");
        assertThat(e.getMessage()).contains("HTTP 422: [[[[");
    }

    @Test
    void deeplyNestedDetailsFailNeitherParsingNorTheMessageWithALenientMapper() throws Exception {
        String body = "{\"message\":\"Validation failed\",\"details\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        JsonFactory lenient = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
                .build();

        HightouchApiException e = createSourceFails(422, "application/json", body.getBytes(StandardCharsets.US_ASCII),
                component -> component.setObjectMapper(new ObjectMapper(lenient)));

        assertThat(e.getDetails()).as("too deep to be a Map: kept as text").isNull();
        assertThat(e.getResponseBody()).startsWith("{\"message\":\"Validation failed\",\"details\":[[[[");
    }

    @Test
    void whatTheErrorHandlerLogsIsBounded() throws Exception {
        String body = "{\"message\":\"" + "m".repeat(100_000) + "\",\"details\":{\"slug\":\"" + "d".repeat(100_000) + "\"}}";
        HIGHTOUCH.server().stubFor(post(urlPathEqualTo("/api/v1/sources"))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json").withBody(body)));
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:create").routeId("create").to("hightouch:createSource");
                }
            });
            context.start();
            LOGS.clear();

            Exchange exchange = context.createProducerTemplate().request("direct:create", e -> e.getMessage().setBody(source()));

            assertThat(exchange.getException()).isInstanceOf(HightouchApiException.class);
            assertThat(LOGS.linesContaining("HTTP 422")).as("the error handler logged the failure").isNotEmpty();
            assertThat(LOGS.lines()).filteredOn(line -> !line.logger().startsWith("io.github.camelhightouch.testing"))
                    .as("what Camel and the component logged (not the stand-in's own lines)").allSatisfy(line -> assertThat(line.toString().length())
                    .as("logged line of %s", line.logger()).isLessThan(64 * 1024));
        }
    }
}
