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

import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Options set on the component and overridden on endpoints, timeouts, and bad configuration refused when the
 * endpoint is created.
 */
class OptionsTest extends HightouchTestSupport {

    private static void conflict() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Validation failed\",\"details\":{}}")));
    }

    @Test
    void componentOptionsApplyToItsEndpointsAndEndpointsOverrideThem() {
        conflict();
        context.getComponent("hightouch", HightouchComponent.class).getConfiguration().setThrowExceptionOnFailure(false);

        Exchange inherited = send("hightouch:createSource", source("pg"));
        Exchange overridden = send("hightouch:createSource?throwExceptionOnFailure=true", source("pg"));

        assertThat(inherited.getException()).isNull();
        assertThat(inherited.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(409);
        assertThat(overridden.getException()).isInstanceOf(HightouchApiException.class);
        assertThat(HIGHTOUCH.requests()).hasSize(2);
    }

    @Test
    void anEndpointBaseUrlOverridesTheComponents() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"id\":3}")));
        context.getComponent("hightouch", HightouchComponent.class).getConfiguration()
                .setBaseUrl("https://api.hightouch.com/api/v1");

        Exchange exchange = send("hightouch:createSource?baseUrl=" + HIGHTOUCH.baseUrl() + "/", source("pg"));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).singleElement().satisfies(r -> assertThat(r.getUrl()).isEqualTo("/api/v1/sources"));
    }

    @Test
    void responseTimeoutAcceptsADurationAndFailsWithAnUnknownOutcome() {
        // answers far later than the timeout: without it the call would succeed
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"id\":4}").withFixedDelay(4000)));

        Exchange exchange = send("hightouch:createSource?responseTimeout=500ms", source("pg"));

        assertThat(exchange.getException()).isInstanceOf(HightouchTransportException.class);
        HightouchTransportException e = (HightouchTransportException) exchange.getException();
        assertThat(e.isOutcomeUnknown()).isTrue();
        assertThat(e.getUrl()).isEqualTo(HIGHTOUCH.baseUrl() + "/sources");
        assertThat(e.getMessage()).contains("the outcome is unknown");
        // a create whose outcome is unknown is not sent again
        assertThat(HIGHTOUCH.requests()).hasSize(1);
        assertThat(context.getEndpoint("hightouch:createSource?responseTimeout=500ms", HightouchEndpoint.class)
                .getConfiguration().getResponseTimeout()).isEqualTo(500);
    }

    @Test
    void badConfigurationIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:createSource?baseUrl=http://api.example.com/api/v1"))
                .hasStackTraceContaining("baseUrl: plain http is only allowed for loopback addresses");
        assertThatThrownBy(() -> context.getEndpoint("hightouch:deleteEverything"))
                .hasStackTraceContaining("operation: unknown Hightouch operation 'deleteEverything'");
        assertThatThrownBy(() -> context.getEndpoint("hightouch:createSource?connectTimeout=-1"))
                .hasStackTraceContaining("connectTimeout: must be between 1 and 2147483647, got -1");
        assertThatThrownBy(() -> context.getEndpoint("hightouch:raw?url=/sources&httpMethod=HEAD"))
                .hasStackTraceContaining("httpMethod");
        context.getComponent("hightouch", HightouchComponent.class).getConfiguration().setApiKey(null);
        assertThatThrownBy(() -> context.getEndpoint("hightouch:createModel"))
                .hasStackTraceContaining("apiKey: must be set on the hightouch component or endpoint");
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void validateFalseSendsTheRecordAsItIs() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/models")).willReturn(okJson("{\"id\":9}")));
        Map<String, Object> record = model("m");

        Exchange exchange = send("hightouch:createModel?validate=false", record);

        assertThat(exchange.getException()).isNull();
        assertThat(bodyOf(HIGHTOUCH.requests().get(0))).isEqualTo(JSON.valueToTree(record));
    }
}
