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
package io.github.camelhightouch.benchmarks;

import java.util.Map;

import io.github.camelhightouch.HightouchComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.dataformat.JsonLibrary;

/**
 * The two Camel contestants in one CamelContext: the hightouch:createSource endpoint, and the route a user writes by
 * hand without the component (Bearer header, marshal().json(), camel-http, unmarshal to a Map). Both are called
 * through a direct: route with the same ProducerTemplate, so they pay the same Camel overhead around the call.
 */
final class CamelContestants implements AutoCloseable {

    /** The size of both connection pools, the component's default. */
    static final int MAX_CONNECTIONS = 64;

    private final CamelContext camel;
    private final ProducerTemplate template;
    private final Endpoint component;
    private final Endpoint camelHttp;
    private final Endpoint camelHttpMethodHeader;

    CamelContestants(String baseUrl, String apiKey) throws Exception {
        camel = new DefaultCamelContext();
        HightouchComponent hightouch = new HightouchComponent();
        hightouch.getConfiguration().setApiKey(apiKey);
        hightouch.getConfiguration().setBaseUrl(baseUrl);
        // no rate limit and no retries: the benchmark measures the request path only
        hightouch.getConfiguration().setRateLimit(0);
        hightouch.getConfiguration().setMaxRetries(0);
        hightouch.setMaxConnections(MAX_CONNECTIONS);
        camel.addComponent("hightouch", hightouch);
        // the same pool size for the hand-written route (camel-http's default is 20 per route)
        HttpComponent http = new HttpComponent();
        http.setMaxTotalConnections(MAX_CONNECTIONS);
        http.setConnectionsPerRoute(MAX_CONNECTIONS);
        camel.addComponent("http", http);
        String bearer = "Bearer " + apiKey;
        String sources = baseUrl + "/sources";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:component").routeId("component")
                        .to("hightouch:createSource");
                // camel-http POSTs a message with a body; a String CamelHttpMethod header ("POST") would cost this
                // route a type-converter registry scan per request (see BENCHMARKS.md)
                from("direct:camelHttp").routeId("camel-http")
                        .setHeader("Authorization", constant(bearer))
                        .marshal().json()
                        .to(sources)
                        .unmarshal().json(JsonLibrary.Jackson, Map.class);
                // the same with the method header as many routes set it: only run on request (contestants=...)
                from("direct:camelHttpMethodHeader").routeId("camel-http-method-header")
                        .setHeader("Authorization", constant(bearer))
                        .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                        .marshal().json()
                        .to(sources)
                        .unmarshal().json(JsonLibrary.Jackson, Map.class);
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
        component = camel.getEndpoint("direct:component");
        camelHttp = camel.getEndpoint("direct:camelHttp");
        camelHttpMethodHeader = camel.getEndpoint("direct:camelHttpMethodHeader");
    }

    Contestant component() {
        return contestant("component (hightouch:createSource)", component);
    }

    Contestant camelHttp() {
        return contestant("hand-written camel-http route", camelHttp);
    }

    Contestant camelHttpMethodHeader() {
        return contestant("camel-http route + setHeader(CamelHttpMethod, \"POST\")", camelHttpMethodHeader);
    }

    private Contestant contestant(String name, Endpoint endpoint) {
        return new Contestant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<?, ?> send(Map<String, Object> record) {
                return template.requestBody(endpoint, record, Map.class);
            }
        };
    }

    /**
     * The raw HttpClient 5 loop called through the same ProducerTemplate and a direct: route: what the Camel call
     * around any producer costs, so that the component's own share shows (only run on request: contestants=...).
     */
    Contestant rawInRoute(Contestant raw) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:rawInRoute").routeId("raw-in-route")
                        .process(exchange -> exchange.getMessage().setBody(
                                raw.send(exchange.getMessage().getMandatoryBody(Map.class))));
            }
        });
        return contestant("raw HttpClient 5 loop in a direct: route", camel.getEndpoint("direct:rawInRoute"));
    }

    CamelContext camel() {
        return camel;
    }

    @Override
    public void close() throws Exception {
        template.close();
        camel.close();
    }
}
