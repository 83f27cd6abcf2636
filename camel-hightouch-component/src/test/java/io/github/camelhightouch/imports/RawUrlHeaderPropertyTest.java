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

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.testing.HightouchStandIn;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the CamelHightouchUrl header holds, a raw request either goes to the origin of baseUrl, below its path and
 * without a dot-segment, with the API key, or nothing is sent and the exchange fails with a validation error naming
 * the header. The other loopback server never sees a request.
 */
class RawUrlHeaderPropertyTest {

    private static WireMockServer origin;
    private static WireMockServer elsewhere;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeContainer
    static void start() throws Exception {
        origin = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        origin.start();
        origin.stubFor(any(anyUrl()).willReturn(okJson("{}")));
        elsewhere = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere.start();
        elsewhere.stubFor(any(anyUrl()).willReturn(ok()));
        camel = new DefaultCamelContext();
        HightouchComponent component = new HightouchComponent();
        component.getConfiguration().setApiKey(HightouchStandIn.API_KEY);
        component.getConfiguration().setBaseUrl("http://127.0.0.1:" + origin.port() + "/api/v1");
        component.getConfiguration().setRateLimit(0);
        component.getConfiguration().setMaxRetries(0);
        camel.addComponent("hightouch", component);
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterContainer
    static void stop() throws Exception {
        camel.close();
        origin.stop();
        elsewhere.stop();
    }

    @Provide
    Arbitrary<String> urls() {
        String here = String.valueOf(origin.port());
        String there = String.valueOf(elsewhere.port());
        Arbitrary<String> piece = Arbitraries.of("", "/", "//", "///", "http://", "https://", "HTTP://", "http:", "127.0.0.1",
                "127.0.0.1.", "localhost", "[::1]", "2130706433", ":" + here, ":" + there, ":", "@", "user:pw@", "..", ".",
                "%2e", "%2E", "%2e%2e", "%2f", "%2F", "%5c", "%25", "%00", "%0d%0a", "\\", "\r", "\n", "\t", "\u0000", " ",
                "#", "?", "&", "=", "%", ";", "api", "v1", "api/v1", "/api/v1", "/api/v10", "sources", "syncs/42/trigger",
                "é", "\u2028", "\uFF0F", "x", "javascript:", "file:", "127.0.0.1:" + there, "127.0.0.1:" + here);
        Arbitrary<String> composed = piece.list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join("", parts));
        Arbitrary<String> random = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<String> printable = Arbitraries.strings().withCharRange('!', '~').ofMaxLength(40);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, composed), net.jqwik.api.Tuple.of(2, random),
                net.jqwik.api.Tuple.of(2, printable));
    }

    @Property(tries = 1500)
    @StatisticsReport(onFailureOnly = true)
    void aRequestGoesToTheApiOrNowhere(@ForAll("urls") String header) {
        // both outcomes must be common, or the property would prove little
        Statistics.coverage(coverage -> {
            coverage.check("sent").percentage(p -> p > 5);
            coverage.check("refused").percentage(p -> p > 30);
        });
        origin.resetRequests();
        elsewhere.resetRequests();

        Exchange exchange = template.request("hightouch:raw?url=/sources&httpMethod=GET",
                e -> e.getMessage().setHeader(HightouchConstants.URL, header));

        Statistics.collect(exchange.getException() == null ? "sent" : "refused");
        assertThat(elsewhere.getAllServeEvents()).as("the other host, for %s", header).isEmpty();
        List<LoggedRequest> received = origin.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
        if (exchange.getException() != null) {
            assertThat(exchange.getException()).as(header).isInstanceOf(HightouchValidationException.class);
            assertThat(((HightouchValidationException) exchange.getException()).getViolations())
                    .extracting(Violation::field).containsExactly("header " + HightouchConstants.URL);
            assertThat(exchange.getException().getMessage()).doesNotContain("\r", "\n", HightouchStandIn.API_KEY_SECRET);
            assertThat(received).as("nothing sent for %s", header).isEmpty();
        } else {
            assertThat(received).as(header).hasSize(1);
            LoggedRequest request = received.get(0);
            String path = request.getUrl().contains("?") ? request.getUrl().substring(0, request.getUrl().indexOf('?'))
                    : request.getUrl();
            assertThat(path).as(header).matches("/api/v1(/.*)?");
            assertThat(path.toLowerCase(java.util.Locale.ROOT).replace("%2e", ".").split("/", -1))
                    .as(header).doesNotContain(".", "..");
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + HightouchStandIn.API_KEY);
        }
    }
}
