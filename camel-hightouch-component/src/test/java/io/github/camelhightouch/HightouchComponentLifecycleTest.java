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

import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot and Camel Main build routes, and so create and initialize endpoints, before the components are started.
 */
class HightouchComponentLifecycleTest {

    @Test
    void anEndpointInitializedBeforeTheComponentStartsSerializesBodies() throws Exception {
        WireMockServer wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
        try (CamelContext context = new DefaultCamelContext()) {
            wireMock.stubFor(post("/api/v1/sources").willReturn(okJson("{\"id\":5}")));
            HightouchComponent component = new HightouchComponent();
            component.getConfiguration().setApiKey("k");
            component.getConfiguration().setBaseUrl("http://127.0.0.1:" + wireMock.port() + "/api/v1");
            context.addComponent("hightouch", component);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:create").to("hightouch:createSource");
                }
            });
            // the endpoint exists and is initialized while the component is not started yet
            context.getEndpoint("hightouch:createSource").init();
            assertThat(component.isStarted()).isFalse();
            context.start();

            Exchange exchange = context.createProducerTemplate().request("direct:create", e -> e.getMessage().setBody(
                    Map.of("name", "pg", "slug", "pg", "type", "postgres", "configuration", Map.of("host", "h"))));

            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(5);
        } finally {
            wireMock.stop();
        }
    }
}
