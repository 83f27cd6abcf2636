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
package io.github.camelhightouch.sync;

import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchSyncRunException;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchWaitTimeoutException;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import io.github.camelhightouch.testing.HightouchStandIn;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.camelhightouch.sync.SyncRuns.runLifecycle;
import static io.github.camelhightouch.sync.SyncRuns.runPage;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class SyncRunWaitTest extends HightouchContextTestSupport {

    private static final String WAIT = "hightouch:triggerSync?syncId=42&waitForCompletion=true&pollInterval=20";

    private void stubTrigger(String syncId, String runId) {
        wireMock().stubFor(post(API + "/syncs/" + syncId + "/trigger").willReturn(okJson("{\"id\":\"" + runId + "\"}")));
    }

    @Test
    void waitsThroughTheLifecycleUntilSuccess() {
        stubTrigger("42", "7");
        runLifecycle(wireMock(), "42", "7", "queued", "querying", "processing", "reporting", "success");

        Exchange exchange = send(WAIT, "the original body", Map.of());

        assertThat(exchange.getException()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> run = exchange.getMessage().getBody(Map.class);
        assertThat(run).containsEntry("id", 7).containsEntry("status", "success").containsKey("successfulRows");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID)).isEqualTo("7");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo("success");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_ID)).isEqualTo("42");
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/syncs/42/trigger"))
                .withHeader("Authorization", equalTo("Bearer " + HightouchStandIn.API_KEY)));
        // polled the run (not the sync), once per status, and stopped at the terminal one
        wireMock().verify(5, getRequestedFor(urlEqualTo(API + "/syncs/42/runs?runId=7")));
    }

    @Test
    void warningSucceedsByDefault() {
        stubTrigger("42", "8");
        runLifecycle(wireMock(), "42", "8", "queued", "processing", "warning");

        Exchange exchange = send(WAIT, "body", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo("warning");
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("error", "10 rows were rejected");
    }

    @Test
    void warningFailsWithFailOnWarning() {
        stubTrigger("42", "9");
        runLifecycle(wireMock(), "42", "9", "queued", "warning");

        Exchange exchange = send(WAIT + "&failOnWarning=true", "the original body", Map.of());

        HightouchSyncRunException error = (HightouchSyncRunException) exchange.getException();
        assertThat(error.getStatus()).isEqualTo("warning");
        assertThat(error.getRunId()).isEqualTo("9");
        assertThat(error.getRunError()).isEqualTo("10 rows were rejected");
        assertThat(exchange.getMessage().getBody()).isEqualTo("the original body");
    }

    @ParameterizedTest
    @ValueSource(strings = { "failed", "cancelled", "interrupted" })
    void unsuccessfulRunsFailTheExchangeWithTheRun(String status) {
        stubTrigger("42", "10");
        runLifecycle(wireMock(), "42", "10", "queued", "querying", "processing", status);

        Exchange exchange = send(WAIT, "the original body", Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchSyncRunException.class);
        HightouchSyncRunException error = (HightouchSyncRunException) exchange.getException();
        assertThat(error.getStatus()).isEqualTo(status);
        assertThat(error.getSyncId()).isEqualTo("42");
        assertThat(error.getRunId()).isEqualTo("10");
        assertThat(error.getRun()).containsEntry("status", status).containsKey("failedRows");
        assertThat(error.getMessage()).contains("run 10").contains(status).doesNotContain(HightouchStandIn.API_KEY);
        // the record stays; the run id and status are on the message for the error handler
        assertThat(exchange.getMessage().getBody()).isEqualTo("the original body");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID)).isEqualTo("10");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo(status);
        wireMock().verify(4, getRequestedFor(urlEqualTo(API + "/syncs/42/runs?runId=10")));
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/syncs/42/trigger")));
    }

    @Test
    void unknownStatusesAreWaitedThrough() {
        stubTrigger("42", "11");
        runLifecycle(wireMock(), "42", "11", "queued", "rebalancing", "rebalancing", "processing", "success");

        Exchange exchange = send(WAIT, "body", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo("success");
        wireMock().verify(5, getRequestedFor(urlEqualTo(API + "/syncs/42/runs?runId=11")));
    }

    @Test
    void anEmptyRunListRightAfterTheTriggerIsWaitedThrough() {
        stubTrigger("42", "12");
        runLifecycle(wireMock(), "42", "12", null, null, "queued", "success");

        Exchange exchange = send(WAIT, "body", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("id", 12);
        wireMock().verify(4, getRequestedFor(urlEqualTo(API + "/syncs/42/runs?runId=12")));
    }

    @Test
    void aPollAnsweredWith503OrARunOfAnotherIdIsWaitedThrough() {
        stubTrigger("42", "13");
        String scenario = "flaky";
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/42/runs")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("503")
                .willReturn(okJson(runPage("99", "success"))));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/42/runs")).inScenario(scenario)
                .whenScenarioStateIs("503").willSetStateTo("ok")
                .willReturn(aResponse().withStatus(503).withBody("<html>busy</html>")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/42/runs")).inScenario(scenario)
                .whenScenarioStateIs("ok").willReturn(okJson(runPage("13", "success"))));

        Exchange exchange = send(WAIT, "body", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("id", 13);
        wireMock().verify(3, getRequestedFor(urlEqualTo(API + "/syncs/42/runs?runId=13")));
    }

    @Test
    void aPollAnswered404EndsTheWait() {
        stubTrigger("42", "14");
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/42/runs")).willReturn(aResponse().withStatus(404)));

        Exchange exchange = send(WAIT, "body", Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchApiException.class);
        assertThat(((HightouchApiException) exchange.getException()).getStatusCode()).isEqualTo(404);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID)).isEqualTo("14");
        wireMock().verify(1, getRequestedFor(urlEqualTo(API + "/syncs/42/runs?runId=14")));
    }

    @Test
    void theTimeoutFiresWithTheLastStatusSeen() {
        stubTrigger("42", "15");
        runLifecycle(wireMock(), "42", "15", "queued", "processing");

        long start = System.nanoTime();
        Exchange exchange = send(WAIT + "&timeout=300", "the original body", Map.of());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(exchange.getException()).isInstanceOf(HightouchWaitTimeoutException.class);
        HightouchWaitTimeoutException timeout = (HightouchWaitTimeoutException) exchange.getException();
        assertThat(timeout.getLastStatus()).isEqualTo("processing");
        assertThat(timeout.getRunId()).isEqualTo("15");
        assertThat(timeout.getTimeout()).isEqualTo(300);
        assertThat(timeout.getMessage()).contains("300 ms").contains("processing");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo("processing");
        assertThat(exchange.getMessage().getBody()).isEqualTo("the original body");
        // coarse bounds: not before the timeout, and not long after it
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(300).isLessThan(10_000);
        assertThat(wireMock().countRequestsMatching(getRequestedFor(urlPathEqualTo(API + "/syncs/42/runs")).build()).getCount())
                .isGreaterThan(3);
    }

    @Test
    void theTimeoutFiresWhenTheRunNeverAppears() {
        stubTrigger("42", "16");
        runLifecycle(wireMock(), "42", "16", (String) null);

        Exchange exchange = send(WAIT + "&timeout=150", "body", Map.of());

        HightouchWaitTimeoutException timeout = (HightouchWaitTimeoutException) exchange.getException();
        assertThat(timeout.getLastStatus()).isNull();
        assertThat(timeout.getMessage()).contains("not visible");
    }

    @Test
    void triggerFlagsAreSentInTheBody() {
        stubTrigger("42", "17");

        Exchange exchange = send("hightouch:triggerSync?syncId=42&fullResync=true&resetCDC=true&clearAndFill=true",
                "ignored", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("id", "17");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID)).isEqualTo("17");
        wireMock().verify(postRequestedFor(urlEqualTo(API + "/syncs/42/trigger"))
                .withRequestBody(equalToJson("{\"fullResync\":true,\"resetCDC\":true,\"clearAndFill\":true}")));
        wireMock().verify(0, getRequestedFor(urlPathEqualTo(API + "/syncs/42/runs")));
    }

    @Test
    void triggersBySlugWithResetCdc() {
        wireMock().stubFor(post(API + "/syncs/trigger").willReturn(okJson("{\"id\":\"18\"}")));

        Exchange exchange = send("hightouch:triggerSync?syncSlug=nightly-crm&resetCDC=true", "ignored", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID)).isEqualTo("18");
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/syncs/trigger"))
                .withRequestBody(equalToJson("{\"syncSlug\":\"nightly-crm\",\"resetCDC\":true}")));
    }

    @Test
    void triggersBySlugHeaderAndWaitsForTheRunOfThatSync() {
        wireMock().stubFor(post(API + "/syncs/trigger").willReturn(okJson("{\"id\":\"19\"}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs")).withQueryParam("slug", equalTo("nightly-crm"))
                .willReturn(okJson("{\"data\":[{\"id\":77,\"slug\":\"nightly-crm\"}],\"hasMore\":false}")));
        runLifecycle(wireMock(), "77", "19", "queued", "success");

        Exchange exchange = send("hightouch:triggerSync?waitForCompletion=true&pollInterval=20&clearAndFill=true", "body",
                Map.of(HightouchConstants.SYNC_SLUG, "nightly-crm"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo("success");
        wireMock().verify(postRequestedFor(urlEqualTo(API + "/syncs/trigger"))
                .withRequestBody(equalToJson("{\"syncSlug\":\"nightly-crm\",\"clearAndFill\":true}")));
        wireMock().verify(2, getRequestedFor(urlEqualTo(API + "/syncs/77/runs?runId=19")));
    }

    @Test
    void theSyncIdHeaderWinsOverTheOption() {
        stubTrigger("5", "20");

        Exchange exchange = send("hightouch:triggerSync?syncId=42", "body", Map.of(HightouchConstants.SYNC_ID, 5));

        assertThat(exchange.getException()).isNull();
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/syncs/5/trigger")));
        wireMock().verify(0, postRequestedFor(urlEqualTo(API + "/syncs/42/trigger")));
    }

    @Test
    void aFailedTriggerIsNotRepeated() {
        wireMock().stubFor(post(API + "/syncs/42/trigger")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("\"Internal Server Error\"")));

        Exchange exchange = send(WAIT, "body", Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchApiException.class);
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/syncs/42/trigger")));
        wireMock().verify(0, getRequestedFor(urlPathEqualTo(API + "/syncs/42/runs")));
    }

    @Test
    void bothAnIdAndASlugHeaderAreRefusedWithoutARequest() {
        Exchange exchange = send("hightouch:triggerSync", "body",
                Map.of(HightouchConstants.SYNC_ID, "42", HightouchConstants.SYNC_SLUG, "nightly"));

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class)
                .hasMessageContaining(HightouchConstants.SYNC_SLUG);
        assertThat(wireMock().getAllServeEvents()).isEmpty();
    }

    @Test
    void noSyncAtAllIsRefusedWithoutARequest() {
        Exchange exchange = send("hightouch:triggerSync", "body", Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class)
                .hasMessageContaining("syncId").hasMessageContaining("syncSlug");
        assertThat(wireMock().getAllServeEvents()).isEmpty();
    }

    @Test
    void waitForSyncRunWaitsOnARunStartedElsewhere() {
        runLifecycle(wireMock(), "42", "21", "processing", "success");

        Exchange exchange = send("hightouch:waitForSyncRun?syncId=42&pollInterval=20", "body",
                Map.of(HightouchConstants.SYNC_RUN_ID, 21));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("status", "success");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo("success");
        wireMock().verify(0, postRequestedFor(urlPathEqualTo(API + "/syncs/42/trigger")));
    }

    @Test
    void waitForSyncRunFailsOnAFailedRun() {
        runLifecycle(wireMock(), "42", "22", "failed");

        Exchange exchange = send("hightouch:waitForSyncRun?syncId=42&syncRunId=22&pollInterval=20", "body", Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchSyncRunException.class);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo("failed");
    }

    @Test
    void getSyncRunReadsOneRun() {
        runLifecycle(wireMock(), "42", "23", "processing");

        Exchange exchange = send("hightouch:getSyncRun?syncId=42&syncRunId=23", null, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("status", "processing");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS)).isEqualTo("processing");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(23);
    }

    @Test
    void getSyncRunOfAnUnknownRunFails() {
        runLifecycle(wireMock(), "42", "24", (String) null);

        Exchange exchange = send("hightouch:getSyncRun?syncId=42&syncRunId=24", null, Map.of());

        assertThat(exchange.getException()).hasMessageContaining("has no run 24");
    }

    @Test
    void stoppingTheComponentEndsTheWaitsInProgress() throws Exception {
        stubTrigger("42", "25");
        runLifecycle(wireMock(), "42", "25", "processing");
        context.getShutdownStrategy().setTimeout(5);

        java.util.concurrent.Future<Exchange> pending = template.asyncSend(WAIT, e -> e.getMessage().setBody("body"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (wireMock().countRequestsMatching(getRequestedFor(urlPathEqualTo(API + "/syncs/42/runs")).build()).getCount() < 2) {
            assertThat(System.currentTimeMillis()).as("polls seen in time").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(pending).isNotDone();
        context.stop();

        Exchange exchange = pending.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(exchange.getException()).hasMessageContaining("stopped waiting for sync run 25")
                .hasMessageContaining("the run goes on");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID)).isEqualTo("25");
    }
}
