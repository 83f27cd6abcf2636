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
package io.github.camelhightouch.breaker;

import java.nio.charset.Charset;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.apache.hc.core5.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * raw with a JSON contentType that names a charset: JSON is always written as UTF-8, so what Hightouch reads with the
 * declared charset must be what was sent, or the endpoint is refused naming contentType.
 */
class RawJsonCharsetTest extends HightouchTestSupport {

    @ParameterizedTest(name = "contentType={0}")
    @ValueSource(strings = { "application/json;charset=ISO-8859-1", "application/json; charset=UTF-16",
                             "application/vnd.api+json;charset=windows-1252" })
    void aJsonBodyIsNeverLabelledWithACharsetItIsNotWrittenIn(String contentType) throws Exception {
        wireMock().stubFor(any(anyUrl()).willReturn(okJson("{\"ok\":true}")));
        HIGHTOUCH.allowOffContract("POST", "/api/v1/sources");
        Exchange exchange;
        try {
            exchange = send("hightouch:raw?url=/sources&contentType=RAW(" + contentType + ")",
                    Map.of("name", "Caf\u00e9 M\u00fcnchen", "slug", "cafe"));
        } catch (RuntimeException refused) {
            assertThat(refused).hasStackTraceContaining("contentType: ");
            assertThat(HIGHTOUCH.requests()).isEmpty();
            return;
        }
        if (exchange.getException() != null) {
            assertThat(exchange.getException()).hasStackTraceContaining("contentType");
            assertThat(HIGHTOUCH.requests()).isEmpty();
            return;
        }
        LoggedRequest sent = HIGHTOUCH.requests().get(0);
        Charset declared = ContentType.parse(sent.getHeader("Content-Type")).getCharset();
        String asTheServerReadsIt = new String(sent.getBody(), declared);
        assertThat(JSON.readTree(asTheServerReadsIt).path("name").asText())
                .as("the body decoded with the charset its Content-Type declares (%s)", declared)
                .isEqualTo("Caf\u00e9 M\u00fcnchen");
    }

    @ParameterizedTest(name = "contentType={0}")
    @ValueSource(strings = { "application/json;charset=UTF-8", "application/json; charset=utf-8" })
    void utf8StaysAllowed(String contentType) {
        wireMock().stubFor(any(anyUrl()).willReturn(okJson("{\"ok\":true}")));
        HIGHTOUCH.allowOffContract("POST", "/api/v1/sources");

        Exchange exchange = send("hightouch:raw?url=/sources&contentType=RAW(" + contentType + ")",
                Map.of("name", "Caf\u00e9"));

        assertThat(exchange.getException()).isNull();
        assertThat(bodyOf(HIGHTOUCH.requests().get(0)).path("name").asText()).isEqualTo("Caf\u00e9");
    }

    @org.junit.jupiter.api.Test
    void theRefusalNamesTheOption() {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:raw?url=/sources&contentType=RAW(application/json;charset=ISO-8859-1)"))
                .hasStackTraceContaining("contentType: ");
    }
}
