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
package io.github.camelhightouch.rest;

import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stand-in's check for query parameters an operation does not declare, on which the list tests rely: it sees
 * them (the OpenAPI validator alone ignores them), and only them.
 */
class UndeclaredQueryCheckTest extends RestTestSupport {

    @Test
    void aParameterTheOperationDoesNotDeclareIsReported() {
        wireMock().stubFor(get(urlPathEqualTo(API + "/events/contracts")).willReturn(okJson("{\"data\":[]}")));

        Exchange exchange = send("hightouch:raw?httpMethod=GET&url=RAW(/events/contracts?slug=web&name=n)", null, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.undeclaredQueryParameters()).singleElement().asString().contains("'slug'")
                .doesNotContain("'name'");
        // without strictQuery the contract check itself lets it pass, as before
        assertThat(HIGHTOUCH.contractViolations()).isEmpty();
    }

    @Test
    void declaredParametersAreNotReported() {
        wireMock().stubFor(get(urlPathEqualTo(API + "/idr/g/runs")).willReturn(okJson("{\"data\":[],\"hasMore\":false}")));

        send("hightouch:raw?httpMethod=GET&url=RAW(/idr/g/runs?runId=r&orderBy=started_at&limit=5)", null, Map.of());

        assertThat(HIGHTOUCH.requests()).hasSize(1);
        assertThat(HIGHTOUCH.undeclaredQueryParameters()).isEmpty();
    }
}
