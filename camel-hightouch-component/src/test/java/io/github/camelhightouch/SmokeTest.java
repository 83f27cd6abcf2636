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
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void createsSource() throws Exception {
        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        try (CamelContext ctx = new DefaultCamelContext()) {
            wm.stubFor(post("/api/v1/sources").willReturn(okJson("{\"id\":42,\"name\":\"pg\",\"newField\":1}")));
            HightouchComponent c = new HightouchComponent();
            c.getConfiguration().setApiKey("k-123");
            c.getConfiguration().setBaseUrl("http://127.0.0.1:" + wm.port() + "/api/v1");
            ctx.addComponent("hightouch", c);
            ctx.start();
            var t = ctx.createProducerTemplate();
            var ex = t.request("hightouch:createSource", e -> e.getMessage().setBody(
                    Map.of("name", "pg", "slug", "pg", "type", "postgres", "configuration", Map.of("host", "h"))));
            assertThat(ex.getException()).isNull();
            assertThat(ex.getMessage().getBody(Map.class)).containsEntry("id", 42);
            assertThat(ex.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(42);
            wm.verify(postRequestedFor(urlEqualTo("/api/v1/sources")).withHeader("Authorization", equalTo("Bearer k-123"))
                    .withHeader("Content-Type", containing("application/json")));
            System.out.println(wm.getAllServeEvents().get(0).getRequest());
        } finally {
            wm.stop();
        }
    }
}
