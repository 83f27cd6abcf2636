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

import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchException;
import io.github.camelhightouch.HightouchRunIdUnknownException;
import io.github.camelhightouch.HightouchSyncRunException;
import io.github.camelhightouch.HightouchWaitTimeoutException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Identity resolution: triggerIdrRun (and its wait), listIdrRuns, waitForIdrRun, queueIdrReprocessing and
 * getIdrReprocessStatus, each request checked against Hightouch's OpenAPI description by the stand-in.
 */
@Timeout(30)
class IdentityResolutionTest extends RestTestSupport {

    private static final String WAIT = "hightouch:triggerIdrRun?graphId=g1&waitForCompletion=true&pollInterval=10";

    private static void stubTrigger(String graphId, String runId) {
        wireMock().stubFor(post(API + "/idr/" + graphId + "/trigger").willReturn(okJson("{\"id\":\"" + runId + "\"}")));
    }

    /** Each poll of the run sees the next status, the last one stays; null answers an empty list (not visible yet). */
    private static void runLifecycle(String graphId, String runId, String... statuses) {
        String scenario = "idr-" + graphId + "-" + runId;
        for (int i = 0; i < statuses.length; i++) {
            ScenarioMappingBuilder stub = get(urlPathEqualTo(API + "/idr/" + graphId + "/runs"))
                    .withQueryParam("runId", equalTo(runId))
                    .inScenario(scenario).whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i)
                    .willReturn(okJson(runPage(graphId, runId, statuses[i])));
            if (i + 1 < statuses.length) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            wireMock().stubFor(stub);
        }
    }

    private static String runPage(String graphId, String runId, String status) {
        if (status == null) {
            return "{\"data\":[],\"hasMore\":false}";
        }
        return "{\"data\":[" + run(graphId, runId, status) + "],\"hasMore\":false}";
    }

    private static String run(String graphId, String runId, String status) {
        return "{\"id\":\"" + runId + "\",\"graphId\":\"" + graphId + "\",\"fullRerun\":false,"
               + "\"createdAt\":\"2025-01-01T00:00:00Z\",\"status\":\"" + status + "\""
               + ("FAILURE".equals(status) ? ",\"error\":\"warehouse unreachable\"" : "")
               + ",\"stats\":{\"deterministic\":{\"numSourceRows\":10,\"numNewUniqueProfiles\":2,\"numUniqueProfiles\":8}}}";
    }

    // ---- trigger

    @Test
    void triggerSendsTheDocumentedRequestAndSetsTheRunHeaders() {
        stubTrigger("g1", "run-1");

        Exchange exchange = send("hightouch:triggerIdrRun?graphId=g1&fullRerun=true", "ignored body", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("id", "run-1");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_RUN_ID)).isEqualTo("run-1");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo("run-1");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.GRAPH_ID)).isEqualTo("g1");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_RUN_STATUS)).isNull();
        var request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo(API + "/idr/g1/trigger");
        assertThat(body(request)).isEqualTo(json("{\"fullRerun\":true}"));
    }

    @Test
    void withoutFullRerunTheBodyIsEmptyAndTheHeaderIdWinsEncodedAsOneSegment() {
        wireMock().stubFor(post(urlPathMatching(API + "/idr/.*/trigger")).willReturn(okJson("{\"id\":\"r\"}")));

        Exchange exchange = send("hightouch:triggerIdrRun?graphId=fromOption", null,
                Map.of(HightouchConstants.GRAPH_ID, " a/b?c 007 "));

        assertThat(exchange.getException()).isNull();
        var request = onlyRequest();
        // a text id is sent as given (trimmed), never cut at the slash or the question mark
        assertThat(request.getUrl()).isEqualTo(API + "/idr/a%2Fb%3Fc%20007/trigger");
        assertThat(body(request)).isEqualTo(json("{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", ".", "..", "line\nbreak" })
    void aBadGraphIdHeaderIsRefusedNamingItAndNothingIsSent(String graphId) {
        String body = "the original body";

        Exchange exchange = send("hightouch:triggerIdrRun?graphId=g1", body, Map.of(HightouchConstants.GRAPH_ID, graphId));

        assertThat(refusedFields(exchange, body)).containsExactly("header " + HightouchConstants.GRAPH_ID);
    }

    @Test
    void aGraphIdHeaderThatIsNoPlainIdIsRefused() {
        String body = "the original body";

        Exchange exchange = send("hightouch:triggerIdrRun", body, Map.of(HightouchConstants.GRAPH_ID, Map.of("id", "g1")));

        assertThat(refusedFields(exchange, body)).containsExactly("header " + HightouchConstants.GRAPH_ID);
    }

    @Test
    void withoutAGraphIdNothingIsSent() {
        String body = "the original body";

        Exchange exchange = send("hightouch:triggerIdrRun", body, Map.of());

        assertThat(refusedFields(exchange, body)).containsExactly("graphId");
        assertThat(exchange.getException().getMessage()).contains(HightouchConstants.GRAPH_ID);
    }

    @Test
    void badOptionsFailTheEndpointNamingThem() {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:triggerIdrRun?graphId=.."))
                .hasStackTraceContaining("graphId: must not be a dot-segment");
        assertThatThrownBy(() -> context.getEndpoint("hightouch:triggerSync?syncId=1&fullRerun=true"))
                .hasStackTraceContaining("fullRerun: is only for triggerIdrRun");
        assertThatThrownBy(() -> context.getEndpoint("hightouch:queueIdrReprocessing?graphId=g&waitForCompletion=true"))
                .hasStackTraceContaining("waitForCompletion: is only for");
        assertThatThrownBy(() -> context.getEndpoint("hightouch:waitForIdrRun?graphId=g&pollInterval=0"))
                .hasStackTraceContaining("pollInterval: must be at least 1");
        assertThat(requests()).isEmpty();
    }

    @Test
    void aTriggerIsNotRepeatedAfterAConnectionReset() {
        wireMock().stubFor(post(API + "/idr/g1/trigger").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Exchange exchange = send("hightouch:triggerIdrRun?graphId=g1&maxRetries=5", "body", Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchException.class);
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/idr/g1/trigger")));
    }

    @Test
    void aTriggerIsNotRepeatedAfterA500() {
        wireMock().stubFor(post(API + "/idr/g1/trigger").willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("\"Internal Server Error\"")));

        Exchange exchange = send("hightouch:triggerIdrRun?graphId=g1&maxRetries=5", "body", Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchApiException.class);
        assertThat(((HightouchApiException) exchange.getException()).getStatusCode()).isEqualTo(500);
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/idr/g1/trigger")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{}", "{\"id\":null}", "[]", "\"run-1\"", "<html>gateway</html>", "" })
    void aTriggerAnswerWithoutARunIdFailsWithoutWaitingOrRepeating(String answer) {
        wireMock().stubFor(post(API + "/idr/g1/trigger").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(answer)));

        Exchange exchange = send(WAIT, "the body", Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchRunIdUnknownException.class);
        assertThat(exchange.getMessage().getBody()).isEqualTo("the body");
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/idr/g1/trigger")));
        wireMock().verify(0, getRequestedFor(urlPathEqualTo(API + "/idr/g1/runs")));
    }

    // ---- waits

    @Test
    void theWaitEndsOnSuccessThroughARunNotYetVisible() {
        stubTrigger("g1", "r1");
        runLifecycle("g1", "r1", null, "QUEUED", "PROCESSING", "SUCCESS");

        Exchange exchange = send(WAIT, "body", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("status", "SUCCESS").containsKey("stats");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_RUN_STATUS)).isEqualTo("SUCCESS");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_RUN_ID)).isEqualTo("r1");
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/idr/g1/trigger")));
        wireMock().verify(4, getRequestedFor(urlEqualTo(API + "/idr/g1/runs?runId=r1")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "FAILURE", "CANCELLED" })
    void theWaitFailsOnAnUnsuccessfulEndKeepingTheBody(String status) {
        stubTrigger("g1", "r2");
        runLifecycle("g1", "r2", "QUEUED", "PROCESSING", status);
        String body = "the original body";

        Exchange exchange = send(WAIT, body, Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchSyncRunException.class);
        HightouchSyncRunException error = (HightouchSyncRunException) exchange.getException();
        assertThat(error.getStatus()).isEqualTo(status);
        assertThat(error.getSyncId()).isEqualTo("g1");
        assertThat(error.getRunId()).isEqualTo("r2");
        assertThat(error.getOperation()).isEqualTo("triggerIdrRun");
        if ("FAILURE".equals(status)) {
            assertThat(error.getRunError()).isEqualTo("warehouse unreachable");
            assertThat(error.getMessage()).contains("warehouse unreachable");
        }
        assertThat(exchange.getMessage().getBody()).isEqualTo(body);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_RUN_ID)).isEqualTo("r2");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_RUN_STATUS)).isEqualTo(status);
        wireMock().verify(3, getRequestedFor(urlEqualTo(API + "/idr/g1/runs?runId=r2")));
    }

    @Test
    void anUnknownStatusIsWaitedThrough() {
        stubTrigger("g1", "r3");
        runLifecycle("g1", "r3", "QUEUED", "REBALANCING", "REBALANCING", "SUCCESS");

        Exchange exchange = send(WAIT, "body", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_RUN_STATUS)).isEqualTo("SUCCESS");
        wireMock().verify(4, getRequestedFor(urlEqualTo(API + "/idr/g1/runs?runId=r3")));
    }

    @Test
    void aStatusInSmallLettersIsReadTheSame() {
        stubTrigger("g1", "r4");
        runLifecycle("g1", "r4", "processing", "failure");

        // read as unknown, "failure" would be waited through until this timeout
        Exchange exchange = send(WAIT + "&timeout=5000", "body", Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchSyncRunException.class);
        assertThat(((HightouchSyncRunException) exchange.getException()).getStatus()).isEqualTo("failure");
    }

    @Test
    void theWaitEndsAtItsTimeoutWithTheLastStatus() {
        stubTrigger("g1", "r5");
        runLifecycle("g1", "r5", "PROCESSING");

        // long enough for a first poll on a loaded machine; the run never ends
        Exchange exchange = send(WAIT + "&timeout=1500", "body", Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchWaitTimeoutException.class);
        HightouchWaitTimeoutException error = (HightouchWaitTimeoutException) exchange.getException();
        assertThat(error.getLastStatus()).isEqualTo("PROCESSING");
        assertThat(error.getTimeout()).isEqualTo(1500);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_RUN_STATUS)).isEqualTo("PROCESSING");
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/idr/g1/trigger")));
    }

    @Test
    void aPollThatFailsWithA500IsPolledAgain() {
        stubTrigger("g1", "r6");
        String scenario = "flaky";
        wireMock().stubFor(get(urlPathEqualTo(API + "/idr/g1/runs")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
                .willReturn(aResponse().withStatus(500).withBody("\"Internal Server Error\"")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/idr/g1/runs")).inScenario(scenario)
                .whenScenarioStateIs("up").willReturn(okJson(runPage("g1", "r6", "SUCCESS"))));

        Exchange exchange = send(WAIT + "&maxRetries=0", "body", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_RUN_STATUS)).isEqualTo("SUCCESS");
    }

    @Test
    void waitForIdrRunWaitsForARunStartedElsewhereByHeaders() {
        runLifecycle("g9", "r9", "QUEUED", "SUCCESS");

        Exchange exchange = send("hightouch:waitForIdrRun?pollInterval=10", "body",
                Map.of(HightouchConstants.GRAPH_ID, "g9", HightouchConstants.IDR_RUN_ID, "r9"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_RUN_STATUS)).isEqualTo("SUCCESS");
        wireMock().verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void waitForIdrRunNeedsTheRunId() {
        String body = "body";

        Exchange exchange = send("hightouch:waitForIdrRun?graphId=g1", body, Map.of());

        assertThat(refusedFields(exchange, body)).containsExactly("idrRunId");
    }

    // ---- list

    @Test
    void listIdrRunsReadsEveryPageWithOnlyTheDeclaredParameters() {
        wireMock().stubFor(get(urlPathEqualTo(API + "/idr/g1/runs")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"data\":[" + run("g1", "a", "SUCCESS") + "," + run("g1", "b", "FAILURE")
                                   + "],\"hasMore\":true}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/idr/g1/runs")).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson("{\"data\":[" + run("g1", "c", "QUEUED") + "],\"hasMore\":false}")));

        Exchange exchange = send("hightouch:listIdrRuns?graphId=g1&limit=2&orderBy=finished_at&idrRunId=a"
                                 + "&after=2025-01-01T00:00:00Z&before=2025-02-01T00:00:00Z",
                null, Map.of());

        assertThat(exchange.getException()).isNull();
        List<?> runs = exchange.getMessage().getBody(List.class);
        assertThat(runs.stream().map(run -> (Object) ((Map<?, ?>) run).get("id")).toList()).containsExactly("a", "b", "c");
        assertThat(requests()).extracting(request -> request.getUrl()).containsExactly(
                API + "/idr/g1/runs?after=2025-01-01T00%3A00%3A00Z&before=2025-02-01T00%3A00%3A00Z&runId=a"
                + "&orderBy=finished_at&limit=2&offset=0",
                API + "/idr/g1/runs?after=2025-01-01T00%3A00%3A00Z&before=2025-02-01T00%3A00%3A00Z&runId=a"
                + "&orderBy=finished_at&limit=2&offset=2");
        assertOnlyDeclaredQueryParameters();
    }

    @ParameterizedTest
    @ValueSource(strings = { "within=5", "name=x", "slug=x", "orderBy=createdAt", "orderBy=id", "after=yesterday" })
    void listIdrRunsRefusesWhatItsOperationDoesNotHave(String option) {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:listIdrRuns?graphId=g1&" + option))
                .hasStackTraceContaining(option.substring(0, option.indexOf('=')) + ": ");
        assertThat(requests()).isEmpty();
    }

    // ---- reprocessing

    @Test
    void queueForReprocessingSendsTheValidatedBodyAndGivesTheRequestId() {
        wireMock().stubFor(post(API + "/idr/g1/queue-for-reprocessing").willReturn(okJson("{\"requestId\":\"q-1\"}")));
        Map<String, Object> body = Map.of("identifiers", List.of(Map.of("identifier", "email", "value", "a@b.com")),
                "block", "false");

        Exchange exchange = send("hightouch:queueIdrReprocessing?graphId=g1", body, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_REQUEST_ID)).isEqualTo("q-1");
        // the boolean string is sent as a boolean, as the description types it
        assertThat(body(onlyRequest())).isEqualTo(json(
                "{\"identifiers\":[{\"identifier\":\"email\",\"value\":\"a@b.com\"}],\"block\":false}"));
    }

    @Test
    void queueForReprocessingReportsEveryProblemOfTheBodyAndTheIdAtOnce() {
        String body = "{\"identifiers\":[{\"identifier\":\"email\"},{\"identifier\":7,\"value\":\"x\"}],"
                      + "\"block\":\"maybe\",\"extra\":1}";

        Exchange exchange = send("hightouch:queueIdrReprocessing", body, Map.of());

        assertThat(refusedFields(exchange, body)).containsExactlyInAnyOrder("graphId", "identifiers[0].value",
                "identifiers[1].identifier", "block", "extra");
    }

    @Test
    void queueForReprocessingRefusesAnEmptyListOfIdentifiers() {
        String body = "{\"identifiers\":[]}";

        Exchange exchange = send("hightouch:queueIdrReprocessing?graphId=g1", body, Map.of());

        assertThat(refusedFields(exchange, body)).containsExactly("identifiers");
    }

    @Test
    void queueForReprocessingIsNotRepeatedAfterAReset() {
        wireMock().stubFor(post(API + "/idr/g1/queue-for-reprocessing")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Exchange exchange = send("hightouch:queueIdrReprocessing?graphId=g1",
                "{\"identifiers\":[{\"identifier\":\"email\",\"value\":\"a@b.com\"}]}", Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchException.class);
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/idr/g1/queue-for-reprocessing")));
    }

    @Test
    void reprocessStatusReadsBothIdsAndGivesTheStatus() {
        wireMock().stubFor(get(API + "/idr/g1/reprocess-status/q-1").willReturn(okJson(
                "{\"status\":\"queued\",\"queuedAt\":\"2025-10-07T01:23:45.678Z\",\"reprocessedAt\":null,"
                + "\"reprocessedRunId\":null,\"error\":null}")));

        Exchange exchange = send("hightouch:getIdrReprocessStatus?graphId=g1", null,
                Map.of(HightouchConstants.IDR_REQUEST_ID, "q-1"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_REPROCESS_STATUS)).isEqualTo("queued");
        assertThat(onlyRequest().getMethod().getName()).isEqualTo("GET");
    }

    @Test
    void reprocessStatusIsRetriedAfterAReset() {
        String scenario = "reset-once";
        wireMock().stubFor(get(API + "/idr/g1/reprocess-status/q-1").inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wireMock().stubFor(get(API + "/idr/g1/reprocess-status/q-1").inScenario(scenario).whenScenarioStateIs("up")
                .willReturn(okJson("{\"status\":\"reprocessed\",\"queuedAt\":null,\"reprocessedAt\":null,"
                                   + "\"reprocessedRunId\":\"r1\",\"error\":null}")));

        Exchange exchange = send("hightouch:getIdrReprocessStatus?graphId=g1&idrRequestId=q-1", null, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_REPROCESS_STATUS)).isEqualTo("reprocessed");
        assertThat(requests()).hasSize(2);
    }

    @Test
    void reprocessStatusWithoutEitherIdNamesBoth() {
        Exchange exchange = send("hightouch:getIdrReprocessStatus", "body", Map.of());

        assertThat(exchange.getException()).isNotNull();
        assertThat(refusedFields(exchange, exchange.getMessage().getBody())).containsExactly("graphId", "idrRequestId");
    }
}
