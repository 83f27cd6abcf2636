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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.URISupport;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API key goes to the origin of the base URL in the Authorization header, and nowhere else: not in logs at any
 * level, exception messages, endpoint URIs as Camel shows them, route dumps or the message after the call.
 */
class SecretsTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().fastRetries();

    @Test
    void keyAppearsNowhereButTheAuthorizationHeader() throws Exception {
        List<String> seen = new ArrayList<>();
        LOGS.rootAt(Level.DEBUG);
        try (CamelContext context = HIGHTOUCH.newContext()) {
            HIGHTOUCH.server().stubFor(post("/api/v1/sources").willReturn(okJson("{\"id\":1}")));
            HIGHTOUCH.server().stubFor(post("/api/v1/models").willReturn(aResponse().withStatus(422)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"message\":\"Validation failed\",\"details\":{\"slug\":\"taken\"}}")));
            HIGHTOUCH.server().stubFor(get(urlPathEqualTo("/api/v1/syncs")).willReturn(aResponse().withStatus(503)));
            HIGHTOUCH.server().stubFor(post("/api/v1/syncs/1/trigger").willReturn(aResponse().withStatus(401)));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // the key set on the component (the recommended way) and, here, once in a URI as RAW()
                    // (a route dump shows a URI as written, and Camel core logs resolved {{placeholder}} values
                    // at DEBUG: the README advises against putting the key in a URI)
                    from("direct:component").routeId("component").to("hightouch:createSource");
                    from("direct:raw").routeId("raw").to("hightouch:raw?url=/syncs/1/trigger&apiKey=RAW(" + HightouchStandIn.API_KEY + ")");
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();

            List<Exchange> exchanges = new ArrayList<>();
            exchanges.add(template.request("direct:component", e -> e.getMessage().setBody(
                    Map.of("name", "a", "slug", "a", "type", "postgres", "configuration", Map.of()))));
            exchanges.add(template.request("direct:raw", e -> e.getMessage().setBody(Map.of("fullResync", true))));
            exchanges.add(template.request("hightouch:createModel", e -> e.getMessage().setBody(
                    Map.of("name", "m", "slug", "m", "queryType", "table", "sourceId", 1, "isSchema", false,
                            "primaryKey", "id", "table", Map.of("name", "t")))));
            exchanges.add(template.request("hightouch:raw?httpMethod=GET&url=/syncs&maxRetries=2", e -> {
            }));
            exchanges.add(template.request("hightouch:createSource?baseUrl=http://127.0.0.1:1/api/v1&maxRetries=1",
                    e -> e.getMessage().setBody(Map.of("name", "a", "slug", "a", "type", "t", "configuration", Map.of()))));
            exchanges.add(template.request("hightouch:createSource", e -> e.getMessage().setBody("not json")));

            assertThat(exchanges.get(0).getException()).isNull();
            assertThat(exchanges.get(1).getException()).isInstanceOf(HightouchApiException.class);
            assertThat(exchanges.stream().filter(e -> e.getException() != null)).hasSize(5);
            for (Exchange exchange : exchanges) {
                for (Throwable t = exchange.getException(); t != null; t = t.getCause()) {
                    seen.add("exception " + t);
                }
                exchange.getMessage().getHeaders().forEach((k, v) -> seen.add("header " + k + "=" + v));
                exchange.getProperties().forEach((k, v) -> seen.add("property " + k + "=" + v));
            }
            for (Endpoint endpoint : context.getEndpoints()) {
                seen.add("endpoint " + endpoint);
                seen.add("endpoint uri " + URISupport.sanitizeUri(endpoint.getEndpointUri()));
            }
            context.getEndpointRegistry().keySet()
                    .forEach(key -> seen.add("registry " + URISupport.sanitizeUri(key.toString())));
            seen.add("dump " + PluginHelper.getModelToXMLDumper(context).dumpModelAsXml(context,
                    context.getCamelContextExtension().getContextPlugin(org.apache.camel.model.Model.class)
                            .getRouteDefinition("component")));
            LOGS.lines().forEach(line -> seen.add(line.toString()));

            // the key did reach the stand-in, in the header and only there
            assertThat(HIGHTOUCH.server().findAll(anyRequestedFor(anyUrl()))).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + HightouchStandIn.API_KEY));
            // HttpClient's header log was on, and printed the header masked
            assertThat(LOGS.lines()).anyMatch(l -> l.contains("Authorization: xxxxxx"));
        }
        assertThat(seen).isNotEmpty().noneMatch(line -> line.contains(HightouchStandIn.API_KEY));
    }

    @Test
    void redirectToAnotherOriginIsNotFollowed() throws Exception {
        WireMockServer elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere.start();
        try (CamelContext context = HIGHTOUCH.newContext()) {
            elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{\"id\":666}")));
            HIGHTOUCH.server().stubFor(post("/api/v1/sources").willReturn(aResponse().withStatus(302)
                    .withHeader("Location", "http://127.0.0.1:" + elsewhere.port() + "/collect")));
            context.start();
            Exchange result = context.createProducerTemplate().request("hightouch:createSource",
                    e -> e.getMessage().setBody(Map.of("name", "a", "slug", "a", "type", "t", "configuration", Map.of())));
            assertThat(result.getException()).isInstanceOf(HightouchApiException.class).hasMessageContaining("HTTP 302");
            assertThat(elsewhere.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        } finally {
            elsewhere.stop();
        }
    }

    @Test
    void plainHttpIsRefusedExceptOnLoopback() throws Exception {
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.start();
            assertThatThrownBy(() -> context.getEndpoint(
                    "hightouch:createSource?baseUrl=http://api.hightouch.com/api/v1").start())
                    .hasStackTraceContaining("baseUrl: plain http is only allowed for loopback addresses");
        }
    }

    @Test
    void absoluteRawUrlOnAnotherOriginIsRefused() throws Exception {
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.start();
            assertThatThrownBy(() -> context.getEndpoint("hightouch:raw?url=https://collector.example/api"))
                    .hasStackTraceContaining("is not on the origin of baseUrl");
            assertThat(HIGHTOUCH.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
        }
    }
}
