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

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Event contracts and event domains: list (paging without hasMore), get, create and update, with bodies validated as
 * the description types them.
 */
@Timeout(30)
class EventContractsAndDomainsTest extends RestTestSupport {

    private static final String CONTRACT = "{\"name\":\"Web events\",\"slug\":\"web-events\",\"onUndeclaredSchema\":\"BLOCK_EVENT\","
                                           + "\"events\":[{\"type\":\"track\",\"name\":\"Order Completed\",\"version\":\"1\","
                                           + "\"onUndeclaredFields\":\"OMIT_FIELDS\",\"onSchemaViolation\":\"ALLOW_EVENT\","
                                           + "\"schema\":{\"type\":\"object\",\"properties\":{\"total\":{\"type\":\"number\"}}}}]}";

    private static String item(String kind, int id) {
        return "{\"id\":\"" + kind + "-" + id + "\",\"name\":\"n" + id + "\",\"workspaceId\":1,\"createdAt\":\"2025-01-01T00:00:00Z\","
               + "\"updatedAt\":\"2025-01-01T00:00:00Z\",\"eventSources\":[]}";
    }

    private static String page(String kind, int from, int count) {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < count; i++) {
            data.append(i == 0 ? "" : ",").append(item(kind, from + i));
        }
        // these lists answer without hasMore
        return "{\"data\":[" + data + "]}";
    }

    private static void stubPage(String path, int offset, String body) {
        wireMock().stubFor(get(urlPathEqualTo(API + path)).withQueryParam("offset", equalTo(String.valueOf(offset)))
                .willReturn(okJson(body)));
    }

    private static List<Object> ids(Exchange exchange) {
        return exchange.getMessage().getBody(List.class).stream().map(item -> (Object) ((Map<?, ?>) item).get("id"))
                .toList();
    }

    // ---- lists

    @ParameterizedTest
    @ValueSource(strings = { "contracts", "domains" })
    void aListWithoutHasMoreIsReadUntilAPageIsShort(String kind) {
        String operation = kind.equals("contracts") ? "listEventContracts" : "listEventDomains";
        stubPage("/events/" + kind, 0, page(kind, 1, 2));
        stubPage("/events/" + kind, 2, page(kind, 3, 2));
        stubPage("/events/" + kind, 4, page(kind, 5, 1));

        Exchange exchange = send("hightouch:" + operation + "?limit=2&name=n&orderBy=updatedAt", null, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(ids(exchange)).containsExactly(kind + "-1", kind + "-2", kind + "-3", kind + "-4", kind + "-5");
        assertThat(requests()).extracting(request -> request.getUrl()).containsExactly(
                API + "/events/" + kind + "?name=n&orderBy=updatedAt&limit=2&offset=0",
                API + "/events/" + kind + "?name=n&orderBy=updatedAt&limit=2&offset=2",
                API + "/events/" + kind + "?name=n&orderBy=updatedAt&limit=2&offset=4");
        assertOnlyDeclaredQueryParameters();
    }

    @Test
    void onePageWithPaginateFalseSaysThatMoreMayFollow() {
        stubPage("/events/contracts", 4, page("contracts", 5, 2));

        Exchange exchange = send("hightouch:listEventContracts?paginate=false&limit=2&offset=4", null, Map.of());

        assertThat(ids(exchange)).containsExactly("contracts-5", "contracts-6");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.HAS_MORE)).isEqualTo(true);
        assertThat(requests()).hasSize(1);
        assertOnlyDeclaredQueryParameters();
    }

    @ParameterizedTest
    @ValueSource(strings = { "slug=x", "tags=a", "after=2025-01-01T00:00:00Z", "within=5", "orderBy=slug", "limit=0" })
    void theListsRefuseWhatTheyDoNotHave(String option) {
        for (String operation : List.of("listEventContracts", "listEventDomains")) {
            assertThatThrownBy(() -> context.getEndpoint("hightouch:" + operation + "?" + option))
                    .hasStackTraceContaining(option.substring(0, option.indexOf('=')) + ": ");
        }
        assertThat(requests()).isEmpty();
    }

    // ---- get

    @Test
    void getReadsByTheIdOfTheHeaderOrTheOption() {
        wireMock().stubFor(get(API + "/events/contracts/c-1").willReturn(okJson(item("contracts", 1))));
        wireMock().stubFor(get(API + "/events/domains/d%2F2").willReturn(okJson(item("domains", 2))));

        Exchange contract = send("hightouch:getEventContract?contractId=other", null,
                Map.of(HightouchConstants.CONTRACT_ID, "c-1"));
        Exchange domain = send("hightouch:getEventDomain?domainId=d/2", null, Map.of());

        assertThat(contract.getException()).isNull();
        assertThat(contract.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo("contracts-1");
        assertThat(domain.getException()).isNull();
        assertThat(requests()).extracting(request -> request.getUrl())
                .containsExactly(API + "/events/contracts/c-1", API + "/events/domains/d%2F2");
    }

    @Test
    void getWithoutAnIdSendsNothing() {
        String body = "body";
        assertThat(refusedFields(send("hightouch:getEventContract", body, Map.of()), body)).containsExactly("contractId");
        assertThat(refusedFields(send("hightouch:getEventDomain", body, Map.of(HightouchConstants.DOMAIN_ID, List.of("d"))), body))
                .containsExactly("header " + HightouchConstants.DOMAIN_ID);
    }

    // ---- create

    @Test
    void createContractSendsTheBodyAsGiven() {
        wireMock().stubFor(post(API + "/events/contracts").willReturn(okJson(item("contracts", 7))));

        Exchange exchange = send("hightouch:createEventContract", CONTRACT, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo("contracts-7");
        assertThat(body(onlyRequest())).isEqualTo(json(CONTRACT));
    }

    @Test
    void createDomainSendsItsComponents() {
        wireMock().stubFor(post(API + "/events/domains").willReturn(okJson(item("domains", 8))));
        String domain = "{\"name\":\"Shop\",\"components\":[{\"name\":\"Address\",\"schema\":{\"type\":\"object\"},"
                        + "\"imports\":[\"Country\"]}],\"events\":[{\"type\":\"identify\",\"schema\":{}}]}";

        Exchange exchange = send("hightouch:createEventDomain", domain, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(body(onlyRequest())).isEqualTo(json(domain));
    }

    @Test
    void createReportsEveryProblemAtOnceNamingTheField() {
        String contract = "{\"slug\":\"s\",\"onUndeclaredSchema\":\"DROP\",\"events\":[{\"type\":\"purchase\"},"
                          + "{\"type\":\"track\",\"schema\":[],\"onUndeclaredFields\":\"IGNORE\"}],\"description\":\"x\"}";
        String domain = "{\"name\":\"\",\"components\":[{\"schema\":{},\"imports\":[1]},{\"name\":\"A\",\"schema\":{},"
                        + "\"extra\":true}]}";

        List<String> contractFields = refusedFields(send("hightouch:createEventContract", contract, Map.of()), contract);
        List<String> domainFields = refusedFields(send("hightouch:createEventDomain", domain, Map.of()), domain);

        assertThat(contractFields).containsExactlyInAnyOrder("name", "onUndeclaredSchema", "events[0].schema",
                "events[0].type", "events[1].schema", "events[1].onUndeclaredFields", "description");
        assertThat(domainFields).containsExactlyInAnyOrder("name", "components[0].name", "components[0].imports[0]",
                "components[1].extra");
    }

    @Test
    void aCreateIsNotRepeatedAfterAReset() {
        wireMock().stubFor(post(API + "/events/contracts").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Exchange exchange = send("hightouch:createEventContract?maxRetries=5", CONTRACT, Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchException.class);
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/events/contracts")));
    }

    // ---- update

    @Test
    void updateSendsAPatchAndIsRepeatedAfterAReset() {
        String scenario = "reset-once";
        wireMock().stubFor(patch(urlEqualTo(API + "/events/domains/d-1")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wireMock().stubFor(patch(urlEqualTo(API + "/events/domains/d-1")).inScenario(scenario).whenScenarioStateIs("up")
                .willReturn(okJson(item("domains", 1))));

        Exchange exchange = send("hightouch:updateEventDomain?domainId=d-1", Map.of("name", "Renamed"), Map.of());

        assertThat(exchange.getException()).isNull();
        wireMock().verify(2, patchRequestedFor(urlEqualTo(API + "/events/domains/d-1")));
        assertThat(body(requests().get(1))).isEqualTo(json("{\"name\":\"Renamed\"}"));
    }

    @Test
    void updateContractSendsOnlyWhatTheApiLetsYouChange() {
        wireMock().stubFor(patch(urlEqualTo(API + "/events/contracts/c-1")).willReturn(okJson(
                "{\"name\":\"Renamed\",\"onUndeclaredSchema\":\"ALLOW_EVENT\"}")));

        Exchange exchange = send("hightouch:updateEventContract", Map.of("onUndeclaredSchema", "ALLOW_EVENT"),
                Map.of(HightouchConstants.CONTRACT_ID, "c-1"));

        assertThat(exchange.getException()).isNull();
        assertThat(body(onlyRequest())).isEqualTo(json("{\"onUndeclaredSchema\":\"ALLOW_EVENT\"}"));
    }

    @Test
    void anUpdateWithNothingToChangeOrAnUnknownFieldIsRefusedWithTheMissingId() {
        Map<String, Object> empty = Map.of();
        Map<String, Object> unknown = Map.of("workspaceId", 3);

        assertThat(refusedFields(send("hightouch:updateEventContract", empty, Map.of()), empty))
                .containsExactlyInAnyOrder("contractId", "body");
        assertThat(refusedFields(send("hightouch:updateEventDomain?domainId=d", unknown, Map.of()), unknown))
                .containsExactlyInAnyOrder("workspaceId", "body");
    }
}
