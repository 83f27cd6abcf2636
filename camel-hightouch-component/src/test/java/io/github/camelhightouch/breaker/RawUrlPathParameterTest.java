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

import java.util.Map;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dot-segment with a path parameter ({@code ..;x}, RFC 2396's {@code segment *( ";" param )}) is the parent
 * directory to servers and proxies that strip path parameters (servlet containers do): the CamelHightouchUrl header
 * must not climb out of the base path with it, in a relative path or an absolute URL.
 */
class RawUrlPathParameterTest extends HightouchTestSupport {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/..;/admin", "/syncs/..;/..;/admin", "..;x/admin", "/%2e%2e;/admin", "/.;/sources",
                             "/.%2E;jsessionid=1/admin", "ABS/api/v1/..;/admin", "ABS/api/v1/%2E%2e;a=b/x" })
    void aDotSegmentWithAPathParameterIsRefused(String value) {
        wireMock().stubFor(any(anyUrl()).willReturn(okJson("{}")));
        String header = value.startsWith("ABS") ? HIGHTOUCH.origin() + value.substring(3) : value;

        Exchange exchange = send("hightouch:raw?url=/sources&httpMethod=GET", null,
                Map.of(HightouchConstants.URL, header));

        assertThat(HIGHTOUCH.requests()).as("nothing is sent for %s", header).isEmpty();
        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class)
                .hasMessageContaining("header " + HightouchConstants.URL);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/sources;v=1", "/syncs/..a/x", "/syncs/a;..", "/syncs/...;/x" })
    void aSegmentThatIsNotADotSegmentStaysAllowed(String value) {
        wireMock().stubFor(any(anyUrl()).willReturn(okJson("{}")));
        HIGHTOUCH.allowOffContract("GET", "/api/v1" + value);

        Exchange exchange = send("hightouch:raw?url=/sources&httpMethod=GET", null, Map.of(HightouchConstants.URL, value));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).hasSize(1);
    }
}
