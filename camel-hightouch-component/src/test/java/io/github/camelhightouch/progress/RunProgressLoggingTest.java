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
package io.github.camelhightouch.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelhightouch.HightouchWaitTimeoutException;
import io.github.camelhightouch.internal.progress.ProgressLog;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import io.github.camelhightouch.testing.LogLevels;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress lines of waited runs (progressLoggingLevel): each status once however many polls meet it, with the
 * elapsed time and the row counts, at the chosen level, none with OFF, the last status of a wait that times out, and
 * never the API key, with every logger at DEBUG.
 */
@Timeout(30)
class RunProgressLoggingTest extends HightouchContextTestSupport {

    // LOGS (HightouchExtensions) captures every line and fails a test that logs the API key or the write key

    private static final String WAIT = "hightouch:triggerSync?syncId=42&waitForCompletion=true&pollInterval=5";

    private LogLevels everyLoggerAtDebug;

    @BeforeEach
    void everyLoggerAtDebug() {
        everyLoggerAtDebug = LogLevels.everyLoggerAt(Level.DEBUG);
    }

    @AfterEach
    void levelsBack() {
        everyLoggerAtDebug.close();
    }

    private static void stubTrigger(String runId) {
        wireMock().stubFor(post(API + "/syncs/42/trigger").willReturn(okJson("{\"id\":\"" + runId + "\"}")));
    }

    /** Each poll of the run sees the next status; the last one stays. */
    private static void runLifecycle(String runId, String... statuses) {
        for (int i = 0; i < statuses.length; i++) {
            ScenarioMappingBuilder stub = get(urlPathEqualTo(API + "/syncs/42/runs")).withQueryParam("runId", equalTo(runId))
                    .inScenario("progress-" + runId).whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i)
                    .willReturn(okJson("{\"data\":[" + run(runId, statuses[i], i) + "],\"hasMore\":false}"));
            if (i + 1 < statuses.length) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            wireMock().stubFor(stub);
        }
    }

    /** A run whose counts grow with the poll. */
    private static String run(String runId, String status, int poll) {
        return "{\"id\":" + runId + ",\"createdAt\":\"2024-05-01T10:00:00Z\",\"status\":\"" + status + "\","
               + "\"completionRatio\":0." + poll + ",\"querySize\":120,"
               + "\"plannedRows\":{\"addedCount\":100,\"changedCount\":20,\"removedCount\":0},"
               + "\"successfulRows\":{\"addedCount\":" + poll * 7 + ",\"changedCount\":" + poll + ",\"removedCount\":0},"
               + "\"failedRows\":{\"addedCount\":0,\"changedCount\":0,\"removedCount\":" + poll + "}}";
    }

    private static List<LogCapture.Line> progressLines() {
        return LOGS.lines().stream().filter(line -> line.logger().equals(ProgressLog.LOGGER_NAME)).toList();
    }

    /** The component's lines (the stand-in's own DEBUG lines print the answers it sends). */
    private static List<LogCapture.Line> componentLinesContaining(String text) {
        return LOGS.linesContaining(text).stream().filter(line -> !line.logger().startsWith("io.github.camelhightouch.testing"))
                .toList();
    }

    @Test
    void eachStatusIsLoggedOnceAtInfoWithTheElapsedTimeAndTheRowCounts() {
        stubTrigger("7");
        runLifecycle("7", "queued", "queued", "queued", "querying", "querying", "mystery", "querying", "processing",
                "processing", "processing", "reporting", "reporting", "success");

        Exchange exchange = send(WAIT, "body", Map.of());

        assertThat(exchange.getException()).isNull();
        List<LogCapture.Line> lines = progressLines();
        assertThat(lines).extracting(LogCapture.Line::message)
                .as("one line per status, in order, however many polls met it")
                .satisfiesExactly(
                        line -> assertThat(line).startsWith("Hightouch sync run 7 of sync 42: queued after "),
                        line -> assertThat(line).startsWith("Hightouch sync run 7 of sync 42: querying after "),
                        line -> assertThat(line).startsWith("Hightouch sync run 7 of sync 42: processing after "),
                        line -> assertThat(line).startsWith("Hightouch sync run 7 of sync 42: reporting after "),
                        line -> assertThat(line).startsWith("Hightouch sync run 7 of sync 42: success after "));
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.level()).isEqualTo(Level.INFO);
            assertThat(line.message()).containsPattern(" after \\d+ ms, plannedRows 100 added 20 changed 0 removed, "
                                                       + "successfulRows \\d+ added \\d+ changed 0 removed, "
                                                       + "failedRows 0 added 0 changed \\d+ removed, completionRatio 0\\.\\d+$");
        });
        // the counts are those of the poll that first met the status
        assertThat(lines.get(0).message()).contains("successfulRows 0 added 0 changed").endsWith("completionRatio 0.0");
        assertThat(lines.get(2).message()).contains("successfulRows 49 added 7 changed").endsWith("completionRatio 0.7");
        assertThat(lines.get(4).message()).contains("successfulRows 84 added 12 changed").endsWith("completionRatio 0.12");
        // elapsed time since the wait started: never less at a later status
        List<Long> elapsed = lines.stream().map(line -> Long.parseLong(line.message().replaceAll(".* after (\\d+) ms.*", "$1")))
                .toList();
        assertThat(elapsed).isSorted();
        // the unknown status: one warning, although two polls met it... once
        List<LogCapture.Line> unknown = componentLinesContaining("mystery");
        assertThat(unknown).hasSize(1);
        assertThat(unknown.get(0).level()).isEqualTo(Level.WARN);
        assertThat(unknown.get(0).message()).contains("sync run 7 of sync 42: mystery after ").contains("not known to be final");
    }

    @Test
    void anUnknownStatusMetManyTimesIsLoggedOnce() {
        stubTrigger("8");
        runLifecycle("8", "queued", "mystery", "mystery", "queued", "mystery", "mystery", "success");

        Exchange exchange = send(WAIT, "body", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(componentLinesContaining("mystery")).hasSize(1);
        assertThat(progressLines()).extracting(line -> line.message().replaceAll(" after .*", ""))
                .containsExactly("Hightouch sync run 8 of sync 42: queued", "Hightouch sync run 8 of sync 42: success");
    }

    @Test
    void offLogsNoProgress() throws Exception {
        stubTrigger("9");
        runLifecycle("9", "queued", "querying", "processing", "reporting", "success");

        Exchange exchange = send(WAIT + "&progressLoggingLevel=OFF", "body", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(progressLines()).isEmpty();
        assertThat(LOGS.lines()).noneMatch(line -> line.message().contains("sync run 9 of sync 42"));
    }

    @Test
    void theComponentLevelIsUsedAndAnEndpointMayChangeIt() throws Exception {
        component.getConfiguration().setProgressLoggingLevel(LoggingLevel.DEBUG);
        stubTrigger("10");
        runLifecycle("10", "queued", "success");

        send(WAIT, "body", Map.of());
        wireMock().resetScenarios();
        send(WAIT.replace("hightouch:", "hightouch://") + "&progressLoggingLevel=WARN", "body", Map.of());

        assertThat(progressLines()).extracting(LogCapture.Line::level)
                .containsExactly(Level.DEBUG, Level.DEBUG, Level.WARN, Level.WARN);
    }

    @Test
    void aWaitThatTimesOutLogsItsLastStatus() {
        stubTrigger("11");
        runLifecycle("11", "queued", "processing");

        Exchange exchange = send(WAIT.replace("pollInterval=5", "pollInterval=20") + "&timeout=300", "body", Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchWaitTimeoutException.class);
        List<String> lines = progressLines().stream().map(LogCapture.Line::message).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).startsWith("Hightouch sync run 11 of sync 42: stopped waiting after ")
                .contains("(timeout 300 ms), last status processing, plannedRows 100 added");
    }

    @Test
    void aSyncSequenceRunAndAnIdentityResolutionRunShowTheirProgressToo() {
        wireMock().stubFor(post(API + "/sync-sequences/seq-1/trigger").willReturn(okJson("{\"id\":\"sr-1\"}")));
        String[] sequence = { "pending", "running", "running", "done" };
        for (int i = 0; i < sequence.length; i++) {
            ScenarioMappingBuilder stub = get(API + "/sync-sequences/runs/sr-1").inScenario("seq")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i)
                    .willReturn(okJson("{\"id\":\"sr-1\",\"status\":\"" + sequence[i] + "\",\"syncRuns\":["
                                       + "{\"syncId\":1,\"syncRunId\":11,\"status\":\"success\",\"finishedAt\":"
                                       + (i > 0 ? "\"2024-05-01T10:00:00Z\"" : "null") + "},"
                                       + "{\"syncId\":2,\"syncRunId\":12,\"status\":\"queued\",\"finishedAt\":"
                                       + (i == 3 ? "\"2024-05-01T10:05:00Z\"" : "null") + "}]}"));
            if (i + 1 < sequence.length) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            wireMock().stubFor(stub);
        }
        wireMock().stubFor(post(API + "/idr/g1/trigger").willReturn(okJson("{\"id\":\"ir-1\"}")));
        String[] idr = { "QUEUED", "processing", "PROCESSING", "SUCCESS" };
        for (int i = 0; i < idr.length; i++) {
            ScenarioMappingBuilder stub = get(urlPathEqualTo(API + "/idr/g1/runs")).inScenario("idr")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i)
                    .willReturn(okJson("{\"data\":[{\"id\":\"ir-1\",\"graphId\":\"g1\",\"status\":\"" + idr[i]
                                       + "\",\"createdAt\":\"2024-05-01T10:00:00Z\",\"stats\":{\"numSourceRows\":" + i * 10
                                       + "}}],\"hasMore\":false}"));
            if (i + 1 < idr.length) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            wireMock().stubFor(stub);
        }

        assertThat(send("hightouch:triggerSyncSequence?syncSequenceId=seq-1&waitForCompletion=true&pollInterval=5",
                null, Map.of()).getException()).isNull();
        assertThat(send("hightouch:triggerIdrRun?graphId=g1&waitForCompletion=true&pollInterval=5", null, Map.of())
                .getException()).isNull();

        List<String> lines = progressLines().stream().map(line -> line.message().replaceAll(" after \\d+ ms", ""))
                .toList();
        assertThat(lines).containsExactly(
                "Hightouch sync sequence run sr-1 of sync sequence seq-1: pending, 0 of 2 sync runs finished",
                "Hightouch sync sequence run sr-1 of sync sequence seq-1: running, 1 of 2 sync runs finished",
                "Hightouch sync sequence run sr-1 of sync sequence seq-1: done, 2 of 2 sync runs finished",
                "Hightouch identity resolution run ir-1 of graph g1: QUEUED, numSourceRows 0",
                "Hightouch identity resolution run ir-1 of graph g1: processing, numSourceRows 10",
                "Hightouch identity resolution run ir-1 of graph g1: SUCCESS, numSourceRows 30");
    }

    @Test
    void aStatusOrACountThatEchoesTheKeyOrIsHugeIsNotLoggedAsSent() {
        stubTrigger("12");
        String echo = HightouchStandIn.API_KEY + "-" + "x".repeat(5000);
        List<String> statuses = new ArrayList<>(List.of(echo, "queued"));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/42/runs")).inScenario("echo").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("2").willReturn(okJson("{\"data\":[{\"id\":12,\"status\":\"" + statuses.get(0)
                                                       + "\",\"completionRatio\":1" + "0".repeat(900) + "}]}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/42/runs")).inScenario("echo").whenScenarioStateIs("2")
                .willReturn(okJson("{\"data\":[{\"id\":12,\"status\":\"success\"}]}")));

        Exchange exchange = send(WAIT, "body", Map.of());

        assertThat(exchange.getException()).isNull();
        // the forbidden key is checked by LOGS after the test; every line stays short
        List<LogCapture.Line> lines = componentLinesContaining("sync run 12");
        // the unknown status (cut, the key masked) and the success, each with its short counts
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line.message().length()).isLessThan(400));
        assertThat(lines.get(0).message()).contains("...(cut, ").contains("completionRatio 1000");
    }
}
