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
package io.github.camelhightouch.example.quarkus;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchComponentConfigurer;
import io.github.camelhightouch.HightouchConstants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Quarkus application in JVM mode, configured by application.properties, against a WireMock Hightouch.
 */
@QuarkusTest
@QuarkusTestResource(WireMockHightouch.class)
class CreateSourceRouteTest {

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    ProducerTemplate producerTemplate;

    @Inject
    CamelContext camelContext;

    @BeforeEach
    void resetWireMock() {
        wireMock.resetAll();
    }

    @Test
    void theRouteCreatesASourceWithTheConfiguredKey() {
        wireMock.stubFor(post("/api/v1/sources").willReturn(okJson("{\"id\":654,\"slug\":\"warehouse\"}")));

        Exchange exchange = producerTemplate.request("direct:createSource", e -> e.getMessage().setBody(Map.of(
                "name", "Warehouse", "slug", "warehouse", "type", "postgres", "configuration", Map.of("host", "db"))));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(654);
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("slug", "warehouse");
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/v1/sources"))
                .withHeader("Authorization", equalTo("Bearer " + WireMockHightouch.KEY))
                .withRequestBody(equalToJson("{\"name\":\"Warehouse\",\"slug\":\"warehouse\",\"type\":\"postgres\","
                                             + "\"configuration\":{\"host\":\"db\"}}")));
    }

    @Test
    void applicationPropertiesConfigureTheComponent() {
        HightouchComponent component = camelContext.getComponent("hightouch", HightouchComponent.class);

        assertThat(component.getConfiguration().getApiKey()).isEqualTo(WireMockHightouch.KEY);
        assertThat(component.getConfiguration().getBaseUrl()).isEqualTo(
                "http://127.0.0.1:" + wireMock.port() + "/api/v1");
        assertThat(component.getConfiguration().getConnectTimeout()).isEqualTo(10_000);
        assertThat(component.getConfiguration().getResponseTimeout()).isEqualTo(30_000);
        assertThat(component.getComponentPropertyConfigurer()).isInstanceOf(HightouchComponentConfigurer.class);
    }

    @Test
    void theApplicationRunsWithTheCamelHightouchExtension() throws Exception {
        String installedFeatures = Files.readAllLines(WireMockHightouch.LOG).stream()
                .filter(line -> line.contains("Installed features: ["))
                .findFirst().orElseThrow(() -> new AssertionError("no 'Installed features' line in "
                                                                  + WireMockHightouch.LOG));

        // the extension's feature, and the Camel Quarkus extensions it brings
        assertThat(installedFeatures).containsPattern("[\\[ ]camel-hightouch[,\\]]")
                .containsPattern("[\\[ ]camel-http[,\\]]").containsPattern("[\\[ ]camel-jackson[,\\]]");
    }

    @Test
    void theStartupLogMasksTheKeys() throws Exception {
        List<String> log = Files.readAllLines(WireMockHightouch.LOG);

        // Camel Main's auto-configuration summary lists every camel.component.hightouch.* property it bound
        assertThat(log).anyMatch(line -> line.endsWith("camel.component.hightouch.apiKey = xxxxxx"))
                .anyMatch(line -> line.endsWith("camel.component.hightouch.writeKey = xxxxxx"))
                .noneMatch(line -> line.contains(WireMockHightouch.KEY))
                .noneMatch(line -> line.contains(WireMockHightouch.WRITE_KEY));
    }
}
