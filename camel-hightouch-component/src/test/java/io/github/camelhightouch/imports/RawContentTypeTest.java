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

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * raw's contentType: a type that is not JSON sends a String or byte[] body as it is (an InputStream or Reader after
 * reading it once), refuses any other body naming it, and keeps JSON the default and the only format that is read and
 * checked. Values that could add a header line or are not media types fail the endpoint naming the option.
 */
class RawContentTypeTest extends HightouchTestSupport {

    private static final String CSV = "id,email\n1,a@example.com\n";

    private LoggedRequest only() {
        assertThat(HIGHTOUCH.requests()).hasSize(1);
        return HIGHTOUCH.requests().get(0);
    }

    private Exchange post(String contentType, Object body) {
        wireMock().stubFor(any(anyUrl()).willReturn(okJson("{\"ok\":true}")));
        // the description declares only JSON bodies: a text body to a Hightouch path is off its contract on purpose
        HIGHTOUCH.allowOffContract("POST", "/api/v1/sources");
        return send("hightouch:raw?url=/sources&contentType=" + contentType, body);
    }

    @Test
    void aStringIsSentAsItIsWithTheType() {
        Exchange exchange = post("text/csv", CSV);

        assertThat(exchange.getException()).isNull();
        assertThat(only().getHeader("Content-Type")).isEqualTo("text/csv");
        assertThat(only().getBody()).isEqualTo(CSV.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bytesAreSentAsTheyAreEvenWhenTheyAreNotText() {
        byte[] bytes = { 0, (byte) 0xff, (byte) 0xfe, '\r', '\n', 'x', (byte) 0x80 };

        Exchange exchange = post("application/octet-stream", bytes);

        assertThat(exchange.getException()).isNull();
        assertThat(only().getBody()).isEqualTo(bytes);
        assertThat(only().getHeader("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void anInputStreamIsReadOnceAndSentAsItIs() {
        byte[] bytes = CSV.getBytes(StandardCharsets.UTF_8);

        Exchange exchange = post("text/csv", new ByteArrayInputStream(bytes));

        assertThat(exchange.getException()).isNull();
        assertThat(only().getBody()).isEqualTo(bytes);
    }

    @Test
    void aReaderIsReadOnceAndSentInTheCharset() {
        Exchange exchange = post("text/plain;charset=ISO-8859-1", new StringReader("caf\u00e9"));

        assertThat(exchange.getException()).isNull();
        assertThat(only().getBody()).isEqualTo(new byte[] { 'c', 'a', 'f', (byte) 0xe9 });
        assertThat(only().getHeader("Content-Type")).isEqualToIgnoringCase("text/plain; charset=ISO-8859-1");
    }

    @Test
    void aStringTheCharsetCannotEncodeIsRefused() {
        Exchange exchange = post("text/plain;charset=ISO-8859-1", "price: 5 \u20ac");

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class)
                .hasMessageContaining("ISO-8859-1");
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void anEmptyStringIsAnEmptyBody() {
        Exchange exchange = post("text/plain", "");

        assertThat(exchange.getException()).isNull();
        assertThat(only().getBody()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "map", "jsonNode", "pojo", "number" })
    void aBodyThatIsNotTextOrBytesIsRefusedNamingTheBody(String kind) {
        Object body = switch (kind) {
            case "map" -> Map.of("a", 1);
            case "jsonNode" -> JsonNodeFactory.instance.objectNode().put("a", 1);
            case "pojo" -> new java.awt.Point(1, 2);
            default -> 42;
        };

        Exchange exchange = post("text/csv", body);

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class)
                .hasMessageContaining("must be a String or a byte[] with contentType text/csv");
        assertThat(((HightouchValidationException) exchange.getException()).getViolations()).extracting(Violation::field)
                .containsExactly("body");
        assertThat(exchange.getMessage().getBody()).isSameAs(body);
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void aListOfStringsIsOneRequestPerElement() {
        Exchange exchange = post("text/csv", List.of("a,b\n", "c,d\n"));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).extracting(LoggedRequest::getBodyAsString).containsExactly("a,b\n", "c,d\n");
    }

    @Test
    void aListWithBatchModeCannotBeSentAsText() {
        wireMock().stubFor(any(anyUrl()).willReturn(okJson("{}")));

        Exchange exchange = send("hightouch:raw?url=/sources&contentType=text/csv&batchMode=true", List.of("a", "b"));

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void aTextBodyOverMaxBodySizeIsRefused() {
        Exchange exchange = post("text/plain&maxBodySize=10", "x".repeat(11));

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class)
                .hasMessageContaining("maxBodySize");
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void bytesOverMaxBodySizeAreRefused() {
        Exchange exchange = post("application/octet-stream&maxBodySize=10", new byte[11]);

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class)
                .hasMessageContaining("maxBodySize");
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void jsonStaysTheDefaultAndIsChecked() {
        wireMock().stubFor(any(anyUrl()).willReturn(okJson("{}")));

        Exchange sent = send("hightouch:raw?url=/sources", source("pg"));
        Exchange refused = send("hightouch:raw?url=/sources", "id,email\n");

        assertThat(sent.getException()).isNull();
        assertThat(HIGHTOUCH.requests().get(0).getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(refused.getException()).isInstanceOf(HightouchValidationException.class)
                .hasMessageContaining("is not valid JSON");
        assertThat(HIGHTOUCH.requests()).hasSize(1);
    }

    @Test
    void aJsonTypeWithASuffixIsReadAsJsonAndSentWithThatType() {
        Exchange sent = post("RAW(application/vnd.api+json)", source("pg"));
        Exchange refused = post("RAW(application/vnd.api+json)", "not json");

        assertThat(sent.getException()).isNull();
        assertThat(HIGHTOUCH.requests().get(0).getHeader("Content-Type")).isEqualTo("application/vnd.api+json");
        assertThat(bodyOf(HIGHTOUCH.requests().get(0)).get("slug").asText()).isEqualTo("pg");
        assertThat(refused.getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(HIGHTOUCH.requests()).hasSize(1);
    }

    @Test
    void aGetSendsNoBodyWhateverTheType() {
        wireMock().stubFor(any(anyUrl()).willReturn(okJson("{\"data\":[]}")));

        Exchange exchange = send("hightouch:raw?url=/sources&httpMethod=GET&contentType=text/csv", Map.of("a", 1));

        assertThat(exchange.getException()).isNull();
        assertThat(only().getBody()).isEmpty();
        assertThat(only().containsHeader("Content-Type")).isFalse();
    }

    @ParameterizedTest(name = "contentType={0}")
    @ValueSource(strings = { "", "%20", "text", "text/", "/csv", "text/plain%0D%0AX-Evil:%201", "text/plain%0AX: y",
                             "text/csv%00", "t%C3%A9xt/plain", "text/plain;charset=no-such-charset", "text/plain;;",
                             "text/plain;charset", "text/plain x", "text/plain,text/csv", "a/b/c" })
    void aContentTypeThatIsNotAMediaTypeFailsTheEndpointNamingTheOption(String contentType) {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:raw?url=/sources&contentType=" + contentType))
                .hasStackTraceContaining("contentType: ");
    }

    @Test
    void contentTypeIsOnlyForRaw() {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:createSource?contentType=text/csv"))
                .hasStackTraceContaining("contentType: is only for hightouch:raw");
    }
}
