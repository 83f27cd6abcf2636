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
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The decision engine: flows (list, get, run) and the messages of a flow (list, get, create, update), two ids in a
 * path, nested message bodies validated as the description types them.
 */
@Timeout(30)
class DecisionEngineTest extends RestTestSupport {

    private static final String MESSAGE = "{\"name\":\"Spring sale\",\"channelId\":\"email\",\"config\":{\"template\":\"t1\"},"
                                          + "\"tags\":{\"season\":\"spring\"},\"guardrails\":{\"maxSendsPerUser\":3,"
                                          + "\"maxSendsPerUserWindowDays\":7,\"firstEligibleSendDate\":\"2025-03-01\"},"
                                          + "\"variables\":[{\"name\":\"subject\",\"config\":{\"localizationEnabled\":true},"
                                          + "\"variants\":[{\"value\":\"Hello\",\"tags\":{\"tone\":\"warm\"},"
                                          + "\"localeValues\":{\"fr\":\"Bonjour\"}},{\"value\":\"Hi\"}]}]}";

    private static String flow(int id) {
        return "{\"id\":\"f" + id + "\",\"name\":\"Flow " + id + "\",\"workspaceId\":1,\"decisionEngineId\":\"de\","
               + "\"audienceId\":5,\"status\":\"active\"}";
    }

    private static List<Object> ids(Exchange exchange) {
        return exchange.getMessage().getBody(List.class).stream().map(item -> (Object) ((Map<?, ?>) item).get("id"))
                .toList();
    }

    @Test
    void listFlowsFollowsHasMoreWithOnlyTheDeclaredParameters() {
        wireMock().stubFor(get(urlPathEqualTo(API + "/decision-engine/flows")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"data\":[" + flow(1) + "," + flow(2) + "],\"hasMore\":true}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/decision-engine/flows")).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson("{\"data\":[" + flow(3) + "," + flow(4) + "],\"hasMore\":false}")));

        Exchange exchange = send("hightouch:listFlows?limit=2&orderBy=name&name=Flow", null, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(ids(exchange)).containsExactly("f1", "f2", "f3", "f4");
        assertThat(requests()).extracting(request -> request.getUrl()).containsExactly(
                API + "/decision-engine/flows?name=Flow&orderBy=name&limit=2&offset=0",
                API + "/decision-engine/flows?name=Flow&orderBy=name&limit=2&offset=2");
        assertOnlyDeclaredQueryParameters();
    }

    @Test
    void listFlowMessagesSendsOnlyPaging() {
        wireMock().stubFor(get(urlPathEqualTo(API + "/decision-engine/flow/f1/messages"))
                .willReturn(okJson("{\"data\":[{\"id\":\"m1\",\"name\":\"a\",\"channelId\":\"email\",\"config\":{}}],"
                                   + "\"hasMore\":false}")));

        Exchange exchange = send("hightouch:listFlowMessages", null, Map.of(HightouchConstants.FLOW_ID, "f1"));

        assertThat(exchange.getException()).isNull();
        assertThat(ids(exchange)).containsExactly("m1");
        assertThat(onlyRequest().getUrl()).isEqualTo(API + "/decision-engine/flow/f1/messages?limit=100&offset=0");
        assertOnlyDeclaredQueryParameters();
    }

    @Test
    void theListsRefuseWhatTheyDoNotHave() {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:listFlowMessages?flowId=f&orderBy=id"))
                .hasStackTraceContaining("orderBy: hightouch:listFlowMessages has no sort field");
        assertThatThrownBy(() -> context.getEndpoint("hightouch:listFlowMessages?flowId=f&name=x"))
                .hasStackTraceContaining("name: is not a filter of hightouch:listFlowMessages");
        assertThatThrownBy(() -> context.getEndpoint("hightouch:listFlows?orderBy=createdAt"))
                .hasStackTraceContaining("orderBy: must be one of [id, name]");
        assertThatThrownBy(() -> context.getEndpoint("hightouch:getFlow?flowId=f&limit=5"))
                .hasStackTraceContaining("limit: is only for list operations");
        assertThat(requests()).isEmpty();
    }

    @Test
    void listFlowMessagesNeedsTheFlow() {
        String body = "body";
        assertThat(refusedFields(send("hightouch:listFlowMessages", body, Map.of()), body)).containsExactly("flowId");
    }

    @Test
    void getFlowAndGetFlowMessageFillEveryIdOfThePath() {
        wireMock().stubFor(get(API + "/decision-engine/flow/f1").willReturn(okJson(flow(1))));
        wireMock().stubFor(get(API + "/decision-engine/flow/f1/messages/m%231").willReturn(okJson(
                "{\"id\":\"m#1\",\"name\":\"a\",\"channelId\":\"email\",\"config\":{}}")));

        Exchange flow = send("hightouch:getFlow?flowId=f1", null, Map.of());
        Exchange message = send("hightouch:getFlowMessage?flowId=f1", null,
                Map.of(HightouchConstants.FLOW_MESSAGE_ID, "m#1"));

        assertThat(flow.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo("f1");
        assertThat(message.getException()).isNull();
        assertThat(message.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo("m#1");
        assertThat(requests()).extracting(request -> request.getUrl()).containsExactly(API + "/decision-engine/flow/f1",
                API + "/decision-engine/flow/f1/messages/m%231");
    }

    @Test
    void everyMissingIdAndEveryProblemOfTheBodyIsReportedAtOnce() {
        String body = "{\"name\":\"x\",\"channelId\":\"email\",\"config\":{},\"extra\":1}";

        Exchange exchange = send("hightouch:updateFlowMessage", body, Map.of(HightouchConstants.FLOW_ID, ".."));

        assertThat(refusedFields(exchange, body)).containsExactlyInAnyOrder("header " + HightouchConstants.FLOW_ID,
                "flowMessageId", "channelId", "extra");
    }

    @Test
    void runFlowSendsNoBodyWhateverTheMessageHoldsAndIsNotRepeated() {
        wireMock().stubFor(post(API + "/decision-engine/flow/f1/run").willReturn(okJson("{\"runId\":\"x\"}")));

        Exchange exchange = send("hightouch:runFlow?flowId=f1", Map.of("not", "sent"), Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(onlyRequest().getBody()).isEmpty();

        HIGHTOUCH.forgetRequests();
        wireMock().stubFor(post(API + "/decision-engine/flow/f2/run").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Exchange reset = send("hightouch:runFlow?flowId=f2&maxRetries=5", null, Map.of());
        assertThat(reset.getException()).isInstanceOf(HightouchException.class);
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/decision-engine/flow/f2/run")));
    }

    @Test
    void createFlowMessageSendsTheValidatedBody() {
        wireMock().stubFor(post(API + "/decision-engine/flow/f1/messages").willReturn(okJson(
                "{\"id\":\"m9\",\"name\":\"Spring sale\",\"channelId\":\"email\",\"config\":{}}")));

        Exchange exchange = send("hightouch:createFlowMessage?flowId=f1", MESSAGE, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo("m9");
        assertThat(body(onlyRequest())).isEqualTo(json(MESSAGE));
    }

    @Test
    void createFlowMessageNamesEveryNestedProblem() {
        String body = "{\"name\":\"x\",\"config\":[],\"guardrails\":{\"maxSendsPerUser\":\"often\",\"cooldown\":1},"
                      + "\"variables\":[{\"name\":\"subject\",\"variants\":[{\"value\":\"a\",\"tags\":{\"n\":1}},"
                      + "{\"localeValues\":\"fr\"}]},{\"variants\":{}}]}";

        Exchange exchange = send("hightouch:createFlowMessage?flowId=f1", body, Map.of());

        assertThat(refusedFields(exchange, body)).containsExactlyInAnyOrder("channelId", "config",
                "guardrails.maxSendsPerUser", "guardrails.cooldown", "variables[0].variants[0].tags",
                "variables[0].variants[1].value", "variables[0].variants[1].localeValues", "variables[1].name",
                "variables[1].variants");
    }

    @Test
    void aCreateIsNotRepeatedAfterAReset() {
        wireMock().stubFor(post(API + "/decision-engine/flow/f1/messages")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Exchange exchange = send("hightouch:createFlowMessage?flowId=f1&maxRetries=5", MESSAGE, Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchException.class);
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/decision-engine/flow/f1/messages")));
    }

    @Test
    void updateFlowMessageSendsAPatchToBothIds() {
        wireMock().stubFor(patch(urlEqualTo(API + "/decision-engine/flow/f1/messages/m1")).willReturn(okJson(
                "{\"id\":\"m1\",\"name\":\"Renamed\",\"channelId\":\"email\",\"config\":{}}")));

        Exchange exchange = send("hightouch:updateFlowMessage?flowId=f1&flowMessageId=m1",
                Map.of("name", "Renamed", "guardrails", Map.of("maxSendsPerUser", "2")), Map.of());

        assertThat(exchange.getException()).isNull();
        var request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("PATCH");
        // the numeric string is sent as the number the description types
        assertThat(body(request).get("guardrails")).isEqualTo(json("{\"maxSendsPerUser\":2}"));
    }
}
