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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchException;
import io.github.camelhightouch.testing.HightouchStandIn;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Campaigns: triggerCampaign (a validated body of 1 to 100 recipients, never repeated once it may have been taken;
 * the 429 Hightouch declares for it is waited out) and getCampaignSend.
 */
@Timeout(30)
class CampaignsTest extends RestTestSupport {

    private static final String TRIGGER = "hightouch:triggerCampaign?campaignId=welcome";

    private static final String RESULTS = "{\"results\":[{\"handle\":\"a@example.com\",\"status\":\"accepted\",\"sendId\":\"s-1\"},"
                                          + "{\"id\":\"user-2\",\"status\":\"accepted\",\"sendId\":\"s-2\"},"
                                          + "{\"handle\":\"nope\",\"status\":\"rejected\",\"reason\":\"invalid_handle\"}]}";

    private static Map<String, Object> recipient(String key, String value) {
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put(key, value);
        recipient.put("properties", Map.of("firstName", "Ada"));
        return recipient;
    }

    private static Map<String, Object> trigger(List<?> recipients) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipients", recipients);
        body.put("properties", Map.of("coupon", "WELCOME10"));
        body.put("draft", false);
        return body;
    }

    @Test
    void triggerSendsTheRecipientsAndCountsTheResults() {
        wireMock().stubFor(post(API + "/campaigns/welcome/trigger").willReturn(okJson(RESULTS)));
        Map<String, Object> body = trigger(List.of(recipient("handle", "a@example.com"), recipient("id", "user-2"),
                recipient("handle", "nope")));

        Exchange exchange = send(TRIGGER, body, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.CAMPAIGN_ACCEPTED)).isEqualTo(2);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.CAMPAIGN_REJECTED)).isEqualTo(1);
        assertThat((List<?>) exchange.getMessage().getBody(Map.class).get("results")).hasSize(3);
        var request = onlyRequest();
        assertThat(request.getUrl()).isEqualTo(API + "/campaigns/welcome/trigger");
        assertThat(body(request)).isEqualTo(json("{\"recipients\":[{\"handle\":\"a@example.com\",\"properties\":"
                                                  + "{\"firstName\":\"Ada\"}},{\"id\":\"user-2\",\"properties\":{\"firstName\":\"Ada\"}},"
                                                  + "{\"handle\":\"nope\",\"properties\":{\"firstName\":\"Ada\"}}],"
                                                  + "\"properties\":{\"coupon\":\"WELCOME10\"},\"draft\":false}"));
    }

    @Test
    void theCampaignIdComesFromTheHeaderFirst() {
        wireMock().stubFor(post(API + "/campaigns/from%20header/trigger").willReturn(okJson(RESULTS)));

        Exchange exchange = send(TRIGGER, trigger(List.of(recipient("id", "u"))),
                Map.of(HightouchConstants.CAMPAIGN_ID, "from header"));

        assertThat(exchange.getException()).isNull();
        assertThat(onlyRequest().getUrl()).isEqualTo(API + "/campaigns/from%20header/trigger");
    }

    @Test
    void everyProblemOfTheBodyIsReportedAtOnceAndNothingIsSent() {
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("handle", "a@example.com");
        both.put("id", "user-1");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipients", List.of(both, Map.of("email", "x@example.com"), Map.of("id", 42),
                Map.of("handle", "h", "properties", "not an object")));
        body.put("draft", "sometimes");
        body.put("subject", "Hello");

        Exchange exchange = send(TRIGGER, body, Map.of());

        assertThat(refusedFields(exchange, body)).containsExactlyInAnyOrder("recipients[0]", "recipients[1].email",
                "recipients[2].id", "recipients[3].properties", "draft", "subject");
    }

    @Test
    void theRecipientsMustNumberOneToAHundred() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(recipient("id", "user-" + i));
        }
        for (List<?> recipients : List.of(List.of(), many)) {
            Map<String, Object> body = trigger(recipients);
            Exchange exchange = send(TRIGGER, body, Map.of());
            assertThat(refusedFields(exchange, body)).containsExactly("recipients");
        }
        Map<String, Object> none = Map.of("draft", true);
        assertThat(refusedFields(send(TRIGGER, none, Map.of()), none)).containsExactly("recipients");
        String notJson = "recipients: everyone";
        assertThat(refusedFields(send(TRIGGER, notJson, Map.of()), notJson)).containsExactly("body");
    }

    @Test
    void aHundredRecipientsAreSentInOneRequest() {
        wireMock().stubFor(post(API + "/campaigns/welcome/trigger").willReturn(okJson("{\"results\":[]}")));
        List<Object> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(recipient("id", "user-" + i));
        }

        Exchange exchange = send(TRIGGER, trigger(hundred), Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(body(onlyRequest()).get("recipients").size()).isEqualTo(100);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.CAMPAIGN_ACCEPTED)).isEqualTo(0);
    }

    @Test
    void aTriggerIsNotRepeatedAfterAConnectionReset() {
        wireMock().stubFor(post(API + "/campaigns/welcome/trigger")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Exchange exchange = send(TRIGGER + "&maxRetries=5", trigger(List.of(recipient("id", "u"))), Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchException.class);
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/campaigns/welcome/trigger")));
    }

    @Test
    void a429IsWaitedOutAndTheTriggerSentAgainBecauseHightouchDidNotTakeIt() {
        String scenario = "rate-limited";
        wireMock().stubFor(post(API + "/campaigns/welcome/trigger").inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("free")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"Too many requests\"}")));
        wireMock().stubFor(post(API + "/campaigns/welcome/trigger").inScenario(scenario).whenScenarioStateIs("free")
                .willReturn(okJson(RESULTS)));

        Exchange exchange = send(TRIGGER, trigger(List.of(recipient("id", "u"))), Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.ATTEMPTS)).isEqualTo(2);
        wireMock().verify(2, postRequestedFor(urlEqualTo(API + "/campaigns/welcome/trigger")));
    }

    @Test
    void aStormOf429sEndsAfterTheRetriesWithTheBodyKept() {
        wireMock().stubFor(post(API + "/campaigns/welcome/trigger").willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Too many requests\"}")));
        Map<String, Object> body = trigger(List.of(recipient("id", "u")));

        Exchange exchange = send(TRIGGER + "&maxRetries=2", body, Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchApiException.class);
        HightouchApiException error = (HightouchApiException) exchange.getException();
        assertThat(error.getStatusCode()).isEqualTo(429);
        assertThat(error.getMessage()).contains("Too many requests");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.ATTEMPTS)).isEqualTo(3);
        assertThat(exchange.getMessage().getBody()).isSameAs(body);
        wireMock().verify(3, postRequestedFor(urlEqualTo(API + "/campaigns/welcome/trigger")));
    }

    @Test
    void aRejectionCarriesHightouchsErrorText() {
        wireMock().stubFor(post(API + "/campaigns/gone/trigger").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Campaign not found\"}")));
        Map<String, Object> body = trigger(List.of(recipient("id", "u")));

        Exchange exchange = send("hightouch:triggerCampaign?campaignId=gone", body, Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchApiException.class);
        HightouchApiException error = (HightouchApiException) exchange.getException();
        assertThat(error.getStatusCode()).isEqualTo(404);
        assertThat(error.getMessage()).contains("Campaign not found").doesNotContain(HightouchStandIn.API_KEY);
        assertThat(exchange.getMessage().getBody()).isSameAs(body);
    }

    @Test
    void anErrorTextThatEchoesTheApiKeyDoesNotCarryItIntoTheException() {
        // the answer quotes the Authorization header it received (built per request: no stub holds the key)
        wireMock().stubFor(post(API + "/campaigns/welcome/trigger").willReturn(aResponse()
                .withTransformers(HIGHTOUCH.transformWith(new ResponseDefinitionTransformerV2() {
                    @Override
                    public ResponseDefinition transform(ServeEvent event) {
                        return ResponseDefinitionBuilder.responseDefinition().withStatus(400)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"error\":\"" + event.getRequest().getHeader("Authorization")
                                          + " may not send this campaign\"}")
                                .build();
                    }

                    @Override
                    public String getName() {
                        return "echo-key";
                    }
                }))));

        // send() fails the test if the key is anywhere in the exchange, its headers or its exception
        Exchange exchange = send(TRIGGER, trigger(List.of(recipient("id", "u"))), Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchApiException.class);
        // the text is there, the key masked out of it
        assertThat(exchange.getException().getMessage()).contains("Bearer ", "may not send this campaign")
                .doesNotContain(HightouchStandIn.API_KEY_SECRET);
    }

    @Test
    void withoutThrowingAFailedTriggerLeavesNoStaleCounts() {
        wireMock().stubFor(post(API + "/campaigns/welcome/trigger").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Campaign is paused\"}")));

        Exchange exchange = send(TRIGGER + "&throwExceptionOnFailure=false", trigger(List.of(recipient("id", "u"))),
                Map.of(HightouchConstants.CAMPAIGN_ACCEPTED, 99));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(400);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.CAMPAIGN_ACCEPTED)).isNull();
    }

    @Test
    void getCampaignSendReadsTheDeliveryStatus() {
        wireMock().stubFor(get(API + "/campaigns/welcome/sends/s-1").willReturn(okJson(
                "{\"status\":\"dropped\",\"reason\":\"unsubscribed\"}")));

        Exchange exchange = send("hightouch:getCampaignSend?campaignId=welcome", null,
                Map.of(HightouchConstants.CAMPAIGN_SEND_ID, "s-1"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.CAMPAIGN_SEND_STATUS)).isEqualTo("dropped");
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("reason", "unsubscribed");
        assertThat(onlyRequest().getMethod().getName()).isEqualTo("GET");
    }

    @Test
    void getCampaignSendNamesEachMissingOrBadId() {
        String body = "body";

        Exchange exchange = send("hightouch:getCampaignSend", body, Map.of(HightouchConstants.CAMPAIGN_SEND_ID, ".."));

        assertThat(refusedFields(exchange, body)).containsExactly("campaignId",
                "header " + HightouchConstants.CAMPAIGN_SEND_ID);
    }
}
