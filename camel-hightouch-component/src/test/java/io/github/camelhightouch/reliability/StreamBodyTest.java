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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchException;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body read from a stream is read once, before anything else, and the message keeps those bytes: whatever fails
 * next (validation, an error answer), the error handler still has the record. The same for a Reader, and for the
 * stream elements of a List body.
 */
class StreamBodyTest {

    private static final String VALID = """
            {"name":"Source pg","slug":"pg","type":"postgres","configuration":{"host":"db.example.com"}}""";
    private static final String INVALID = """
            {"name":"Source pg","slug":"pg","configuration":{"host":"db.example.com"}}""";

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn();

    /** What the error handler saw: the exception and the body. */
    private record Handled(Exception exception, Object body) {
        byte[] bytes(CamelContext context) {
            return context.getTypeConverter().convertTo(byte[].class, body);
        }
    }

    private static Exchange run(CamelContext context, String uri, Object body, AtomicReference<Handled> handled)
            throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(HightouchException.class).handled(true).process(e -> handled.set(new Handled(
                        e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class), e.getMessage().getBody())));
                from("direct:x").to(uri);
            }
        });
        context.start();
        return context.createProducerTemplate().request("direct:x", e -> e.getMessage().setBody(body));
    }

    private static void answer422() {
        HIGHTOUCH.server().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Validation failed\",\"details\":{\"slug\":\"taken\"}}")));
    }

    private static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "streamCaching={0}")
    @ValueSource(booleans = { false, true })
    void anInvalidStreamRecordReachesTheErrorHandlerWhole(boolean streamCaching) throws Exception {
        AtomicReference<Handled> handled = new AtomicReference<>();
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.setStreamCaching(streamCaching);
            run(context, "hightouch:createSource", stream(INVALID), handled);

            assertThat(handled.get().exception()).isInstanceOf(HightouchValidationException.class)
                    .hasMessageContaining("type: is required");
            assertThat(new String(handled.get().bytes(context), StandardCharsets.UTF_8)).isEqualTo(INVALID);
        }
        assertThat(HIGHTOUCH.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @ParameterizedTest(name = "streamCaching={0}")
    @ValueSource(booleans = { false, true })
    void aStreamRecordAnswered422ReachesTheErrorHandlerWhole(boolean streamCaching) throws Exception {
        answer422();
        AtomicReference<Handled> handled = new AtomicReference<>();
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.setStreamCaching(streamCaching);
            run(context, "hightouch:createSource", stream(VALID), handled);

            assertThat(handled.get().exception()).isInstanceOf(HightouchApiException.class)
                    .hasMessageContaining("HTTP 422");
            assertThat(new String(handled.get().bytes(context), StandardCharsets.UTF_8)).isEqualTo(VALID);
        }
        assertThat(HIGHTOUCH.requests()).hasSize(1);
        assertThat(HIGHTOUCH.requests().get(0).getBodyAsString()).isEqualTo(VALID);
    }

    @Test
    void aReaderRecordIsSentAndReachesTheErrorHandlerWhole() throws Exception {
        answer422();
        AtomicReference<Handled> handled = new AtomicReference<>();
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.setStreamCaching(false);
            run(context, "hightouch:createSource", new StringReader(VALID), handled);

            assertThat(handled.get().exception()).isInstanceOf(HightouchApiException.class)
                    .hasMessageContaining("HTTP 422");
            assertThat(new String(handled.get().bytes(context), StandardCharsets.UTF_8)).isEqualTo(VALID);
        }
        assertThat(HIGHTOUCH.requests()).hasSize(1);
    }

    @Test
    void anInvalidReaderRecordReachesTheErrorHandlerWhole() throws Exception {
        AtomicReference<Handled> handled = new AtomicReference<>();
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.setStreamCaching(false);
            run(context, "hightouch:createSource", new StringReader(INVALID), handled);

            assertThat(handled.get().exception()).isInstanceOf(HightouchValidationException.class)
                    .hasMessageContaining("type: is required");
            assertThat(new String(handled.get().bytes(context), StandardCharsets.UTF_8)).isEqualTo(INVALID);
        }
    }

    @Test
    void theStreamElementsOfAListBodyReachTheErrorHandlerWhole() throws Exception {
        AtomicReference<Handled> handled = new AtomicReference<>();
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.setStreamCaching(false);
            run(context, "hightouch:createSource", List.of(stream(VALID), stream(INVALID)), handled);

            assertThat(handled.get().exception()).isInstanceOf(HightouchValidationException.class)
                    .hasMessageContaining("[1].type: is required");
            assertThat(handled.get().body()).isInstanceOf(List.class);
            List<String> elements = new ArrayList<>();
            for (Object element : (List<?>) handled.get().body()) {
                elements.add(context.getTypeConverter().convertTo(String.class, element));
            }
            assertThat(elements).containsExactly(VALID, INVALID);
        }
        assertThat(HIGHTOUCH.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aStreamLargerThanMaxBodySizeIsRefusedAndStillReadable() throws Exception {
        String large = "{\"name\":\"" + "x".repeat(5000) + "\",\"slug\":\"pg\",\"type\":\"postgres\",\"configuration\":{}}";
        AtomicReference<Handled> handled = new AtomicReference<>();
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.setStreamCaching(false);
            run(context, "hightouch:createSource?maxBodySize=1000", stream(large), handled);

            assertThat(handled.get().exception()).isInstanceOf(HightouchValidationException.class)
                    .hasMessageContaining("body: is larger than maxBodySize (1000 bytes)");
            assertThat(new String(handled.get().bytes(context), StandardCharsets.UTF_8)).isEqualTo(large);
        }
        assertThat(HIGHTOUCH.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aReaderLargerThanMaxBodySizeIsRefusedAndStillReadable() throws Exception {
        String large = "{\"name\":\"" + "é".repeat(5000) + "\",\"slug\":\"pg\",\"type\":\"postgres\",\"configuration\":{}}";
        AtomicReference<Handled> handled = new AtomicReference<>();
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.setStreamCaching(false);
            run(context, "hightouch:createSource?maxBodySize=1000", new StringReader(large), handled);

            assertThat(handled.get().exception()).isInstanceOf(HightouchValidationException.class)
                    .hasMessageContaining("body: is larger than maxBodySize (1000 characters)");
            assertThat(context.getTypeConverter().convertTo(String.class, handled.get().body())).isEqualTo(large);
        }
        assertThat(HIGHTOUCH.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aStreamThatFailsToReadIsRefused() throws Exception {
        InputStream failing = new InputStream() {
            private int left = 10;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return '{';
                }
                throw new IOException("disk gone");
            }
        };
        AtomicReference<Handled> handled = new AtomicReference<>();
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.setStreamCaching(false);
            run(context, "hightouch:createSource", failing, handled);

            assertThat(handled.get().exception()).isInstanceOf(HightouchValidationException.class)
                    .hasMessageContaining("body: could not be read: disk gone");
        }
        assertThat(HIGHTOUCH.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aStreamRecordIsSentAsItsJsonAndTheAnswerBecomesTheBody() throws Exception {
        HIGHTOUCH.server().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"id\":426}")));
        AtomicReference<Handled> handled = new AtomicReference<>();
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.setStreamCaching(false);
            Exchange result = run(context, "hightouch:createSource", stream(VALID), handled);

            assertThat(result.getException()).isNull();
            assertThat(handled.get()).isNull();
            assertThat(result.getMessage().getBody()).isEqualTo(java.util.Map.of("id", 426));
        }
        assertThat(HIGHTOUCH.requests().get(0).getBodyAsString()).isEqualTo(VALID);
    }
}
