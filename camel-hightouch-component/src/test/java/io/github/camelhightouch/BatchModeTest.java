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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * batchMode=false (default): a List body is one request per element, in order, stopping at the first failure.
 * batchMode=true: refused on create operations, one JSON array for raw.
 */
class BatchModeTest extends HightouchTestSupport {

    private static void created(String slug, int id) {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).withRequestBody(matchingJsonPath("$.slug", equalTo(slug)))
                .willReturn(okJson("{\"id\":" + id + ",\"slug\":\"" + slug + "\",\"extra\":[1]}")));
    }

    private static List<String> sentSlugs() {
        List<String> slugs = new ArrayList<>();
        for (LoggedRequest request : HIGHTOUCH.requests()) {
            slugs.add(bodyOf(request).get("slug").asText());
        }
        return slugs;
    }

    @Test
    void aListIsSentOneElementPerRequestInOrder() {
        created("a", 11);
        created("b", 12);
        created("c", 13);
        List<Object> records = List.of(source("a"), source("b"), source("c"));

        Exchange exchange = send("hightouch:createSource", records);

        assertThat(exchange.getException()).isNull();
        assertThat(sentSlugs()).containsExactly("a", "b", "c");
        for (int i = 0; i < 3; i++) {
            assertThat(bodyOf(HIGHTOUCH.requests().get(i))).isEqualTo(JSON.valueToTree(records.get(i)));
        }
        Object body = exchange.getMessage().getBody();
        assertThat(body).isInstanceOf(List.class);
        List<Object> results = new ArrayList<>((List<?>) body);
        assertThat(results).extracting(r -> (Object) ((Map<?, ?>) r).get("id")).containsExactly(11, 12, 13);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(List.of(11, 12, 13));
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(200);
    }

    @Test
    void aFailureInTheMiddleSaysWhatWasCreatedAndWhatWasNotSent() {
        created("a", 11);
        created("b", 12);
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources")).withRequestBody(matchingJsonPath("$.slug", equalTo("c")))
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Validation failed\",\"details\":{\"slug\":\"taken\"}}")));
        created("d", 14);
        created("e", 15);
        List<Object> records = List.of(source("a"), source("b"), source("c"), source("d"), source("e"));

        Exchange exchange = send("hightouch:createSource", records);

        assertThat(exchange.getException()).isInstanceOf(HightouchBatchException.class);
        HightouchBatchException e = (HightouchBatchException) exchange.getException();
        assertThat(e.getCreatedIds()).containsExactly(11, 12);
        assertThat(new ArrayList<Object>(e.getResults())).extracting(r -> (Object) ((Map<?, ?>) r).get("slug"))
                .containsExactly("a", "b");
        assertThat(e.getFailedIndex()).isEqualTo(2);
        assertThat(e.getSize()).isEqualTo(5);
        assertThat(e.getRemaining()).containsExactly(records.get(2), records.get(3), records.get(4));
        assertThat(e.getRemaining().get(0)).isSameAs(records.get(2));
        assertThat(e.getCause()).isInstanceOf(HightouchApiException.class);
        assertThat(((HightouchApiException) e.getCause()).getStatusCode()).isEqualTo(409);
        assertThat(e.getMessage()).isEqualTo("hightouch:createSource stopped at element 2 of a List of 5: "
                                             + "elements 0-1 were created (ids [11, 12]); element 2 was not created; "
                                             + "elements 3-4 were not sent. Cause: " + e.getCause().getMessage());
        // the stand-in never heard of the unsent elements
        assertThat(sentSlugs()).containsExactly("a", "b", "c");
        assertThat(exchange.getMessage().getBody()).isSameAs(records);
    }

    @Test
    void aFailureOnTheFirstElementCreatedNothing() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/sources"))
                .willReturn(aResponse().withStatus(401)));
        List<Object> records = List.of(source("a"), source("b"));

        Exchange exchange = send("hightouch:createSource", records);

        HightouchBatchException e = (HightouchBatchException) exchange.getException();
        assertThat(e.getCreatedIds()).isEmpty();
        assertThat(e.getFailedIndex()).isZero();
        assertThat(e.getRemaining()).containsExactlyElementsOf(records);
        assertThat(e.getMessage()).contains("no element was created").contains("elements 1-1 were not sent");
        assertThat(sentSlugs()).containsExactly("a");
    }

    @Test
    void anEmptyListIsRefused() {
        Exchange exchange = send("hightouch:createSource", List.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class)
                .hasMessageContaining("body: is an empty List; nothing to send");
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void batchModeOnCreateOperationsIsRefusedAtEndpointCreation() {
        for (String operation : List.of("createSource", "createModel")) {
            assertThatThrownBy(() -> context.getEndpoint("hightouch:" + operation + "?batchMode=true"))
                    .as(operation)
                    .hasStackTraceContaining("batchMode: Hightouch has no batch " + operation
                                             + "; batchMode=true is only for hightouch:raw");
        }
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void rawBatchModeSendsTheListAsOneJsonArray() {
        // Hightouch has no batch endpoint today: raw batchMode is for ones its description does not have yet
        HIGHTOUCH.allowOffContract("POST", "/api/v1/bulk/items");
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/bulk/items")).willReturn(okJson("[{\"id\":1},{\"id\":2}]")));
        List<Object> items = List.of(Map.of("name", "one"), Map.of("name", "two"));

        Exchange exchange = send("hightouch:raw?url=/bulk/items&batchMode=true", items);

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).hasSize(1);
        assertThat(bodyOf(HIGHTOUCH.requests().get(0))).isEqualTo(json("[{\"name\":\"one\"},{\"name\":\"two\"}]"));
        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of(Map.of("id", 1), Map.of("id", 2)));
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isNull();
    }

    @Test
    void rawWithoutBatchModeSendsOneRequestPerElement() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/syncs/trigger")).willReturn(okJson("{\"id\":\"run-1\"}")));
        List<Object> triggers = List.of(Map.of("syncSlug", "first"), Map.of("syncSlug", "second"));

        Exchange exchange = send("hightouch:raw?url=/syncs/trigger", triggers);

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).extracting(r -> bodyOf(r).get("syncSlug").asText())
                .containsExactly("first", "second");
        assertThat(exchange.getMessage().getBody(List.class)).hasSize(2);
    }
}
