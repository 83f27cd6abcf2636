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

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchBatchException;
import io.github.camelhightouch.HightouchCallException;
import io.github.camelhightouch.HightouchTransportException;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 7 of the attack: the report of a List that stopped tells created, outcome unknown and not sent apart, and
 * getRemaining() is exactly what is safe to send again.
 */
class BatchReportTest extends HightouchTestSupport {

    private static void created(String slug, int id) {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).withRequestBody(matchingJsonPath("$.slug", equalTo(slug)))
                .willReturn(okJson("{\"id\":" + id + ",\"slug\":\"" + slug + "\"}")));
    }

    private static void answersC(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).withRequestBody(matchingJsonPath("$.slug", equalTo("c")))
                .willReturn(answer));
    }

    private HightouchBatchException sendFiveStoppingAtC() {
        created("a", 11);
        created("b", 12);
        List<Object> records = new ArrayList<>();
        for (String slug : List.of("a", "b", "c", "d", "e")) {
            records.add(source(slug));
        }
        Exchange exchange = send("hightouch:createSource", records);
        assertThat(exchange.getException()).isInstanceOf(HightouchBatchException.class);
        assertThat(exchange.getMessage().getBody()).as("the record stays for the error handler").isEqualTo(records);
        return (HightouchBatchException) exchange.getException();
    }

    private static List<Object> slugs(List<Object> records) {
        return records.stream().map(r -> ((Map<?, ?>) r).get("slug")).map(Object.class::cast).toList();
    }

    @Test
    void aServerErrorOnACreateIsOutcomeUnknownAndNotInRemaining() {
        answersC(aResponse().withStatus(500).withBody("<html>oops</html>"));

        HightouchBatchException e = sendFiveStoppingAtC();

        assertThat(e.getCreatedIds()).containsExactly(11, 12);
        assertThat(e.isOutcomeUnknown()).isTrue();
        assertThat(slugs(e.getOutcomeUnknown())).containsExactly("c");
        assertThat(slugs(e.getNotSent())).containsExactly("d", "e");
        assertThat(slugs(e.getRemaining())).as("c may exist: sending it again could duplicate it").containsExactly("d", "e");
        assertThat(e.getCause()).isInstanceOf(HightouchApiException.class);
        assertThat(((HightouchCallException) e.getCause()).isOutcomeUnknown()).isTrue();
        assertThat(e.getMessage()).contains("element 2 may have been created");
    }

    @Test
    void aConnectionLostAfterSendingIsOutcomeUnknownAndNotInRemaining() {
        answersC(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        HightouchBatchException e = sendFiveStoppingAtC();

        assertThat(e.isOutcomeUnknown()).isTrue();
        assertThat(e.getCause()).isInstanceOf(HightouchTransportException.class);
        assertThat(((HightouchTransportException) e.getCause()).isOutcomeUnknown()).isTrue();
        assertThat(slugs(e.getRemaining())).containsExactly("d", "e");
    }

    @Test
    void aRefusalIsNotCreatedAndSafeToSendAgain() {
        answersC(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"slug taken\"}"));

        HightouchBatchException e = sendFiveStoppingAtC();

        assertThat(e.isOutcomeUnknown()).isFalse();
        assertThat(((HightouchCallException) e.getCause()).isOutcomeUnknown()).as("a 409 says: not created").isFalse();
        assertThat(e.getOutcomeUnknown()).isEmpty();
        assertThat(slugs(e.getRemaining())).containsExactly("c", "d", "e");
        assertThat(e.getMessage()).contains("element 2 was not created");
    }

    @Test
    void aListOfAHundredElementsNamesABoundedNumberOfIdsInItsMessage() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"id\":1}")));
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).withRequestBody(matchingJsonPath("$.slug",
                equalTo("last"))).willReturn(aResponse().withStatus(409)));
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(source("s" + i));
        }
        records.add(source("last"));

        Exchange exchange = send("hightouch:createSource", records);

        HightouchBatchException e = (HightouchBatchException) exchange.getException();
        assertThat(e.getCreatedIds()).hasSize(100);
        assertThat(e.getMessage()).contains("and 80 more");
        assertThat(e.getMessage().length()).isLessThan(1024);
    }
}
