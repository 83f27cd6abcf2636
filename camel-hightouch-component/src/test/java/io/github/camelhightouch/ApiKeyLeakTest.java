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

import java.util.Map;

import io.github.camelhightouch.testing.ApiKeyLeaks;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.NormalizedEndpointUri;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API key, even when written in an endpoint URI, is shown by Camel only masked: in endpoint toString, the
 * sanitized URIs of the endpoint registry and the routes, Camel's own log lines; and never in exception messages or
 * message headers. The log capture checks every line after each test.
 */
class ApiKeyLeakTest extends HightouchTestSupport {

    /** A key with characters that need RAW(...) in a URI, around the secret part the log capture watches for. */
    private static final String URI_KEY = "ht+uri&" + HightouchStandIn.API_KEY_SECRET + "=/x";

    private static final String SOURCE_URI = "hightouch:createSource?apiKey=RAW(" + URI_KEY + ")";
    private static final String TRIGGER_URI = "hightouch:raw?url=/syncs/42/trigger&apiKey=RAW(" + URI_KEY + ")";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:source").routeId("source").to(SOURCE_URI);
                from("direct:trigger").routeId("trigger").to(TRIGGER_URI);
            }
        };
    }

    /**
     * Sends and checks the exchange: headers, exception and properties, except the two where Camel core records the
     * endpoint URI as written.
     */
    private Exchange sendToUriKeyed(String uri, Object body) {
        Exchange exchange = template.send(uri, e -> e.getMessage().setBody(body));
        ApiKeyLeaks.assertNotInMessageOfUriKeyedEndpoint(exchange, HightouchStandIn.API_KEY_SECRET);
        return exchange;
    }

    @Test
    void aKeyInTheUriIsUsedButShownMasked() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"id\":5}")));
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/syncs/42/trigger")).willReturn(okJson("{\"id\":\"6\"}")));

        Exchange source = sendToUriKeyed("direct:source", source("pg"));
        Exchange trigger = sendToUriKeyed("direct:trigger", Map.of("fullResync", true));

        assertThat(source.getException()).isNull();
        assertThat(trigger.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).hasSize(2)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + URI_KEY));

        ApiKeyLeaks.assertNotIn(context, HightouchStandIn.API_KEY_SECRET);
        Endpoint endpoint = context.hasEndpoint(SOURCE_URI);
        assertThat(endpoint).isNotNull();
        // the endpoint's own URI holds the key: what is checked above is Camel's masking of it
        assertThat(endpoint.getEndpointUri()).contains(HightouchStandIn.API_KEY_SECRET);
        assertThat(endpoint.toString()).contains("apiKey=xxxxxx").doesNotContain(HightouchStandIn.API_KEY_SECRET);
        assertThat(context.getEndpointRegistry().keySet()).extracting(NormalizedEndpointUri::getUri)
                .filteredOn(uri -> uri.startsWith("hightouch:"))
                .hasSize(2)
                .allSatisfy(uri -> assertThat(URISupport.sanitizeUri(uri)).contains("apiKey=xxxxxx"));
        assertThat(LOGS.linesContaining("hightouch")).isNotEmpty();
    }

    @Test
    void errorsOfAnEndpointWithTheKeyInItsUriDoNotShowIt() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Unauthorized\"}")));

        Exchange exchange = sendToUriKeyed("direct:source", source("pg"));

        assertThat(exchange.getException()).isInstanceOf(HightouchApiException.class);
        ApiKeyLeaks.assertNotIn(exchange.getException(), HightouchStandIn.API_KEY_SECRET);
        ApiKeyLeaks.assertNotIn(context, HightouchStandIn.API_KEY_SECRET);
    }

    @Test
    void theComponentConfigurationNeverPrintsTheKey() {
        HightouchComponent component = context.getComponent("hightouch", HightouchComponent.class);

        assertThat(component.getConfiguration().getApiKey()).isEqualTo(HightouchStandIn.API_KEY);
        assertThat(component.getConfiguration().toString()).doesNotContain(HightouchStandIn.API_KEY_SECRET);
        HightouchEndpoint endpoint = context.getEndpoint("hightouch:createSource", HightouchEndpoint.class);
        assertThat(endpoint.getConfiguration().toString()).doesNotContain(HightouchStandIn.API_KEY_SECRET);
        assertThat(endpoint.toString()).doesNotContain(HightouchStandIn.API_KEY_SECRET);
    }
}
