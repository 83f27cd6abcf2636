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

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchSyncRunException;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class SyncSequenceTest extends HightouchContextTestSupport {

    private static final String RUN = "0cb7da35-1fff-4d4a-bf1b-6534d515e5b5";

    private static void sequenceLifecycle(String runId, String... statuses) {
        for (int i = 0; i < statuses.length; i++) {
            ScenarioMappingBuilder stub = get(API + "/sync-sequences/runs/" + runId).inScenario("seq-" + runId)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i)
                    .willReturn(okJson(sequenceRun(runId, statuses[i])));
            if (i + 1 < statuses.length) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            wireMock().stubFor(stub);
        }
    }

    private static String sequenceRun(String runId, String status) {
        String second = "done".equals(status) || "failed".equals(status) ? "\"success\"" : "\"queued\"";
        return "{\"id\":\"" + runId + "\",\"status\":\"" + status + "\",\"syncRuns\":["
               + "{\"syncId\":1,\"syncRunId\":11,\"status\":\"success\",\"finishedAt\":\"2024-05-01T10:00:00Z\"},"
               + "{\"syncId\":2,\"syncRunId\":12,\"status\":" + ("failed".equals(status) ? "\"failed\"" : second)
               + ",\"finishedAt\":\"2024-05-01T10:05:00Z\"}]}";
    }

    @Test
    void triggersASequenceWithoutABody() {
        wireMock().stubFor(post(API + "/sync-sequences/seq-1/trigger").willReturn(okJson("{\"id\":\"" + RUN + "\"}")));

        Exchange exchange = send("hightouch:triggerSyncSequence?syncSequenceId=seq-1", "ignored", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_SEQUENCE_RUN_ID)).isEqualTo(RUN);
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/sync-sequences/seq-1/trigger"))
                .withHeader("Content-Type", absent()));
        wireMock().verify(0, getRequestedFor(urlEqualTo(API + "/sync-sequences/runs/" + RUN)));
    }

    @Test
    void waitsForTheSequenceRunUntilDone() {
        wireMock().stubFor(post(API + "/sync-sequences/seq-1/trigger").willReturn(okJson("{\"id\":\"" + RUN + "\"}")));
        sequenceLifecycle(RUN, "pending", "running", "running", "done");

        Exchange exchange = send("hightouch:triggerSyncSequence?waitForCompletion=true&pollInterval=20", "body",
                Map.of(HightouchConstants.SYNC_SEQUENCE_ID, "seq-1"));

        assertThat(exchange.getException()).isNull();
        Map<?, ?> run = exchange.getMessage().getBody(Map.class);
        assertThat(run.get("status")).isEqualTo("done");
        assertThat((List<?>) run.get("syncRuns")).hasSize(2);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_SEQUENCE_RUN_STATUS)).isEqualTo("done");
        wireMock().verify(4, getRequestedFor(urlEqualTo(API + "/sync-sequences/runs/" + RUN)));
    }

    @Test
    void aFailedSequenceRunFailsTheExchange() {
        wireMock().stubFor(post(API + "/sync-sequences/seq-2/trigger").willReturn(okJson("{\"id\":\"" + RUN + "\"}")));
        sequenceLifecycle(RUN, "running", "failed");

        Exchange exchange = send("hightouch:triggerSyncSequence?syncSequenceId=seq-2&waitForCompletion=true&pollInterval=20",
                "the original body", Map.of());

        HightouchSyncRunException error = (HightouchSyncRunException) exchange.getException();
        assertThat(error.getStatus()).isEqualTo("failed");
        assertThat(error.getSyncId()).isEqualTo("seq-2");
        assertThat((List<?>) error.getRun().get("syncRuns")).hasSize(2);
        assertThat(exchange.getMessage().getBody()).isEqualTo("the original body");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_SEQUENCE_RUN_STATUS)).isEqualTo("failed");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_SEQUENCE_RUN_ID)).isEqualTo(RUN);
    }

    @Test
    void getsASequenceRunFromTheHeaderTriggerSet() {
        wireMock().stubFor(get(API + "/sync-sequences/runs/" + RUN).willReturn(okJson(sequenceRun(RUN, "running"))));

        Exchange exchange = send("hightouch:getSyncSequenceRun", null,
                Map.of(HightouchConstants.SYNC_SEQUENCE_RUN_ID, RUN));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.SYNC_SEQUENCE_RUN_STATUS)).isEqualTo("running");
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("id", RUN);
    }

    @Test
    void textIdsAreEncodedIntoOnePathSegment() {
        wireMock().stubFor(post(API + "/sync-sequences/a%2F..%2Fb%3Fx%3D1/trigger").willReturn(okJson("{\"id\":\"r\"}")));

        Exchange exchange = send("hightouch:triggerSyncSequence", null,
                Map.of(HightouchConstants.SYNC_SEQUENCE_ID, "a/../b?x=1"));
        Exchange dots = send("hightouch:triggerSyncSequence", null, Map.of(HightouchConstants.SYNC_SEQUENCE_ID, ".."));

        assertThat(exchange.getException()).isNull();
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/sync-sequences/a%2F..%2Fb%3Fx%3D1/trigger")));
        assertThat(dots.getException()).hasMessageContaining("must not be a dot-segment");
        assertThat(wireMock().getAllServeEvents()).hasSize(1);
    }
}
