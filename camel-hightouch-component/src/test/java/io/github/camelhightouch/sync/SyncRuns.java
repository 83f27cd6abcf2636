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

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Sync runs as Hightouch answers them, and stubs of their lifecycle.
 */
final class SyncRuns {

    private SyncRuns() {
    }

    /**
     * Stubs the runs of a sync so that each poll of {@code GET /syncs/{syncId}/runs?runId=} sees the next status; the
     * last one stays. A null status answers an empty run list (the run is not visible yet).
     */
    static void runLifecycle(WireMockServer wireMock, String syncId, String runId, String... statuses) {
        String scenario = "run-" + syncId + "-" + runId;
        for (int i = 0; i < statuses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "poll-" + i;
            ScenarioMappingBuilder stub = get(urlPathEqualTo("/api/v1/syncs/" + syncId + "/runs"))
                    .withQueryParam("runId", equalTo(runId))
                    .inScenario(scenario).whenScenarioStateIs(state)
                    .willReturn(okJson(runPage(runId, statuses[i])));
            if (i + 1 < statuses.length) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            wireMock.stubFor(stub);
        }
    }

    /** A run list page with one run in the given status, or none for a null status. */
    static String runPage(String runId, String status) {
        if (status == null) {
            return "{\"data\":[],\"hasMore\":false}";
        }
        return "{\"data\":[" + run(runId, status) + "],\"hasMore\":false}";
    }

    /** A run as Hightouch describes it, with one field no spec knows. */
    static String run(String runId, String status) {
        boolean failed = "failed".equals(status) || "warning".equals(status);
        return "{\"id\":" + runId + ",\"createdAt\":\"2024-05-01T10:00:00Z\",\"startedAt\":\"2024-05-01T10:00:01Z\","
               + "\"finishedAt\":\"2024-05-01T10:05:00Z\",\"querySize\":120,\"status\":\"" + status + "\","
               + "\"completionRatio\":1,\"plannedRows\":{\"addedCount\":100,\"changedCount\":20,\"removedCount\":0},"
               + "\"successfulRows\":{\"addedCount\":" + (failed ? 90 : 100) + ",\"changedCount\":20,\"removedCount\":0},"
               + "\"failedRows\":{\"addedCount\":" + (failed ? 10 : 0) + ",\"changedCount\":0,\"removedCount\":0}"
               + (failed ? ",\"error\":\"10 rows were rejected\"" : "") + ",\"newFieldFromTheFuture\":true}";
    }
}
