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
package io.github.camelhightouch.events;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.testing.ApiKeyLeaks;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import io.github.camelhightouch.testing.LogLevels;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.NormalizedEndpointUri;
import org.apache.camel.util.URISupport;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write key gets the same care as the REST API key: with every logger at DEBUG (HttpClient's header and wire
 * logs included) no log line holds it, plainly or in any base64 alignment; nor an exception message, an exchange, the
 * endpoint's URI as Camel shows it, or a request to another origin; and the REST API key never goes to the events
 * host. The stand-in also checks, after every test of the suite, that each key went to its own API only.
 */
class EventsKeyHygieneTest {

    private static final Set<String> WRITE_KEY_FORMS = keyForms(HightouchStandIn.WRITE_KEY,
            HightouchStandIn.WRITE_KEY_SECRET);

    @RegisterExtension
    @Order(1)
    static final LogCapture LOGS = new LogCapture().forbid(WRITE_KEY_FORMS.toArray(String[]::new))
            .forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    @Order(2)
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().fastRetries();

    /** The key as is, URL-encoded, as the Basic credential, and every base64 group that encodes only its secret. */
    private static Set<String> keyForms(String key, String secretPart) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(key);
        forms.add(secretPart);
        forms.add(URLEncoder.encode(key, StandardCharsets.UTF_8));
        forms.add(Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)));
        byte[] secret = secretPart.getBytes(StandardCharsets.US_ASCII);
        for (int offset = 0; offset < 3; offset++) {
            byte[] text = new byte[offset + secret.length];
            System.arraycopy(secret, 0, text, offset, secret.length);
            int firstGroup = (offset + 2) / 3;
            int endGroup = text.length / 3;
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                forms.add(encoder.encodeToString(text).substring(4 * firstGroup, 4 * endGroup));
            }
        }
        return forms;
    }

    @Test
    void atDebugNoLogLineHoldsTheWriteKeyThroughRetriesAndErrors() throws Exception {
        // a 500 then acceptance, then a refusal: retry and error paths log at DEBUG
        HIGHTOUCH.events().answerWith((n, batch) -> switch (n) {
            case 1 -> responseDefinition().withStatus(500).withBody("oops").build();
            case 3 -> responseDefinition().withStatus(400).withHeader("Content-Type", "application/json")
                    .withBody("{\"message\":\"bad\"}").build();
            default -> null;
        });
        Exchange retried;
        Exchange refused;
        try (LogLevels debug = LogLevels.everyLoggerAt(Level.DEBUG); CamelContext context = HIGHTOUCH.newContext()) {
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            retried = HightouchStandIn.send(template, "hightouch:track?lingerMs=0", Map.of("userId", "u", "event", "E"),
                    Map.of());
            refused = HightouchStandIn.send(template, "hightouch:track?lingerMs=0", Map.of("userId", "u", "event", "F"),
                    Map.of());
            for (String form : WRITE_KEY_FORMS) {
                ApiKeyLeaks.assertNotIn(retried, form);
                ApiKeyLeaks.assertNotIn(refused, form);
                ApiKeyLeaks.assertNotIn(context, form);
            }
        }
        assertThat(retried.getException()).isNull();
        assertThat(refused.getException()).isInstanceOf(HightouchApiException.class);
        assertThat(LOGS.lines()).isNotEmpty();
        // the events were really sent with the key: what is checked above is that it went nowhere else
        assertThat(HIGHTOUCH.events().accepted()).hasSize(1);
    }

    @Test
    void aWriteKeyInTheUriIsUsedButShownMasked() throws Exception {
        String uriKey = "wk+uri&" + HightouchStandIn.WRITE_KEY_SECRET + "=/x";
        String uri = "hightouch:track?lingerMs=0&writeKey=RAW(" + uriKey + ")";
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:track").routeId("track").to(uri);
                }
            });
            context.start();
            // the stand-in refuses this key (401): the request carried it, and the error does not show it
            Exchange exchange = context.createProducerTemplate().send("direct:track",
                    e -> e.getMessage().setBody(Map.of("userId", "u", "event", "E")));

            assertThat(exchange.getException()).isInstanceOfSatisfying(HightouchApiException.class,
                    e -> assertThat(e.getStatusCode()).isEqualTo(401));
            ApiKeyLeaks.assertNotInMessageOfUriKeyedEndpoint(exchange, HightouchStandIn.WRITE_KEY_SECRET);
            ApiKeyLeaks.assertNotIn(exchange.getException(), HightouchStandIn.WRITE_KEY_SECRET);
            assertThat(HIGHTOUCH.requests()).singleElement().satisfies(r -> assertThat(
                    new String(Base64.getDecoder().decode(r.getHeader("Authorization").substring(6)),
                            StandardCharsets.UTF_8)).isEqualTo(uriKey + ":"));
            Endpoint endpoint = context.hasEndpoint(uri);
            assertThat(endpoint).isNotNull();
            assertThat(endpoint.getEndpointUri()).contains(HightouchStandIn.WRITE_KEY_SECRET);
            assertThat(endpoint.toString()).contains("writeKey=xxxxxx").doesNotContain(HightouchStandIn.WRITE_KEY_SECRET);
            assertThat(URISupport.sanitizeUri(endpoint.getEndpointUri()))
                    .doesNotContain(HightouchStandIn.WRITE_KEY_SECRET);
            assertThat(context.getEndpointRegistry().keySet()).extracting(NormalizedEndpointUri::getUri)
                    .filteredOn(u -> u.startsWith("hightouch:")).singleElement()
                    .satisfies(u -> assertThat(URISupport.sanitizeUri(u)).contains("writeKey=xxxxxx"));
            ApiKeyLeaks.assertNotIn(context, HightouchStandIn.WRITE_KEY_SECRET);
            HightouchComponent component = context.getComponent("hightouch", HightouchComponent.class);
            assertThat(component.getConfiguration().toString()).doesNotContain(HightouchStandIn.WRITE_KEY_SECRET);
        }
    }

    @Test
    void aWriteKeyEchoedByTheServerIsMaskedInTheError() throws Exception {
        HIGHTOUCH.events().answerWith((n, batch) -> responseDefinition().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"key " + HightouchStandIn.WRITE_KEY + " is disabled\"}").build());
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.start();
            Exchange exchange = HightouchStandIn.send(context.createProducerTemplate(), "hightouch:track?lingerMs=0",
                    Map.of("userId", "u", "event", "E"), Map.of());

            assertThat(exchange.getException()).isInstanceOfSatisfying(HightouchApiException.class, e -> {
                assertThat(e.getStatusCode()).isEqualTo(403);
                assertThat(e.getApiMessage()).contains("xxxxxx").doesNotContain(HightouchStandIn.WRITE_KEY_SECRET);
                assertThat(e.getResponseBody()).doesNotContain(HightouchStandIn.WRITE_KEY_SECRET);
            });
            ApiKeyLeaks.assertNotIn(exchange, HightouchStandIn.WRITE_KEY_SECRET);
        }
    }

    @Test
    void eachKeyGoesToItsOwnOriginOnly() throws Exception {
        // the Events API on an origin of its own; the REST API on the stand-in
        WireMockServer eventsHost = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        eventsHost.start();
        try (CamelContext context = HIGHTOUCH.newContext()) {
            eventsHost.stubFor(post(urlPathEqualTo("/v1/batch")).willReturn(okJson("{}")));
            HIGHTOUCH.server().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"id\":5}")));
            context.getComponent("hightouch", HightouchComponent.class).getConfiguration()
                    .setEventsUrl("http://127.0.0.1:" + eventsHost.port());
            context.start();
            ProducerTemplate template = context.createProducerTemplate();

            Exchange event = HightouchStandIn.send(template, "hightouch:track?lingerMs=0",
                    Map.of("userId", "u", "event", "E"), Map.of());
            Exchange source = HightouchStandIn.send(template, "hightouch:createSource", Map.of("name", "S", "slug",
                    "s", "type", "postgres", "configuration", Map.of()), Map.of());

            assertThat(event.getException()).isNull();
            assertThat(source.getException()).isNull();
            List<LoggedRequest> toEvents = eventsHost.findAll(com.github.tomakehurst.wiremock.client.WireMock
                    .anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
            assertThat(toEvents).singleElement().satisfies(r -> {
                assertThat(r.getHeader("Authorization")).startsWith("Basic ");
                assertThat(r.getHeaders().toString() + r.getBodyAsString()).doesNotContain(HightouchStandIn.API_KEY_SECRET);
            });
            assertThat(HIGHTOUCH.requests()).singleElement().satisfies(r -> {
                assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + HightouchStandIn.API_KEY);
                assertThat(r.getHeaders().toString() + r.getBodyAsString())
                        .doesNotContain(HightouchStandIn.WRITE_KEY_SECRET);
            });
        } finally {
            eventsHost.stop();
        }
    }
}
