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

import io.github.camelhightouch.testing.ApiKeyLeaks;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test extensions without the base class: a plain DefaultCamelContext against the stand-in.
 */
class PlainContextTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn();

    @Test
    void createsAModelFromAPlainContext() throws Exception {
        HIGHTOUCH.server().stubFor(post(urlPathEqualTo("/api/v1/models")).willReturn(okJson("{\"id\":501}")));
        try (CamelContext context = new DefaultCamelContext()) {
            HIGHTOUCH.configure(context);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();

            Exchange exchange = template.send("hightouch:createModel", e -> e.getMessage().setBody("""
                    {"name":"Users","slug":"users","queryType":"table","sourceId":"3","isSchema":"false",
                     "primaryKey":"id","table":{"name":"public.users"}}"""));

            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(501);
            ApiKeyLeaks.assertNotIn(exchange, HightouchStandIn.API_KEY_SECRET);
            ApiKeyLeaks.assertNotIn(context, HightouchStandIn.API_KEY_SECRET);
        }
        HIGHTOUCH.server().verify(1, postRequestedFor(urlEqualTo("/api/v1/models"))
                .withHeader("Authorization", equalTo("Bearer " + HightouchStandIn.API_KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Accept", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"name":"Users","slug":"users","queryType":"table","sourceId":3,"isSchema":false,
                         "primaryKey":"id","table":{"name":"public.users"}}""")));
        assertThat(LOGS.lines()).isNotEmpty();
    }
}
