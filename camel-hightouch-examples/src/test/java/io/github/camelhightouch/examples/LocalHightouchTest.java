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
package io.github.camelhightouch.examples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local Hightouch stand-in answers like the real API: created resources with ids, 401 without the key, 409 on a
 * duplicate slug, 422 with details on a bad body.
 */
class LocalHightouchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE
            = "{\"name\":\"Warehouse\",\"slug\":\"warehouse\",\"type\":\"postgres\",\"configuration\":{\"host\":\"db\"}}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalHightouch hightouch;

    @BeforeEach
    void start() {
        hightouch = LocalHightouch.start();
    }

    @AfterEach
    void stop() {
        hightouch.close();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(hightouch.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/api/v1");
    }

    @Test
    void createsResourcesWithIncrementingIdsAndTheSentFields() throws Exception {
        HttpResponse<String> source = post("/sources", SOURCE, hightouch.apiKey());
        HttpResponse<String> model = post("/models", "{\"name\":\"Customers\",\"slug\":\"customers\",\"sourceId\":"
                                                     + JSON.readTree(source.body()).get("id") + ",\"queryType\":\"raw_sql\","
                                                     + "\"raw\":{\"sql\":\"select 1\"},\"isSchema\":false,\"primaryKey\":\"id\"}",
                hightouch.apiKey());

        assertThat(source.statusCode()).isEqualTo(200);
        assertThat(model.statusCode()).isEqualTo(200);
        JsonNode createdSource = JSON.readTree(source.body());
        JsonNode createdModel = JSON.readTree(model.body());
        assertThat(createdSource.get("id").isIntegralNumber()).isTrue();
        assertThat(createdModel.get("id").asLong()).isGreaterThan(createdSource.get("id").asLong());
        assertThat(createdSource.get("slug").asText()).isEqualTo("warehouse");
        assertThat(createdSource.get("configuration").get("host").asText()).isEqualTo("db");
        assertThat(createdModel.get("sourceId")).isEqualTo(createdSource.get("id"));
        assertThat(createdModel.get("raw").get("sql").asText()).isEqualTo("select 1");
        assertThat(hightouch.created("sources")).hasSize(1);
        assertThat(hightouch.created("models")).hasSize(1);
    }

    @Test
    void answers401WithoutTheKeyOrWithAnotherOne() throws Exception {
        assertThat(post("/sources", SOURCE, null).statusCode()).isEqualTo(401);
        assertThat(post("/sources", SOURCE, "not-" + hightouch.apiKey()).statusCode()).isEqualTo(401);
        assertThat(post("/syncs/1/trigger", "{}", null).statusCode()).isEqualTo(401);
        assertThat(hightouch.created("sources")).isEmpty();
    }

    @Test
    void answers409OnADuplicateSlug() throws Exception {
        assertThat(post("/sources", SOURCE, hightouch.apiKey()).statusCode()).isEqualTo(200);

        HttpResponse<String> again = post("/sources", SOURCE, hightouch.apiKey());

        assertThat(again.statusCode()).isEqualTo(409);
        JsonNode body = JSON.readTree(again.body());
        assertThat(body.get("message").asText()).isEqualTo("Validation failed");
        assertThat(body.get("details").get("slug").asText()).contains("warehouse").contains("already exists");
        assertThat(hightouch.created("sources")).hasSize(1);
    }

    @Test
    void findsAResourceBySlugAndUpdatesOnlyTheFieldsAnUpdateMayChange() throws Exception {
        long id = JSON.readTree(post("/sources", SOURCE, hightouch.apiKey()).body()).get("id").asLong();

        HttpResponse<String> found = get("/sources?slug=warehouse", hightouch.apiKey());
        HttpResponse<String> none = get("/sources?slug=other", hightouch.apiKey());
        HttpResponse<String> renamed = patch("/sources/" + id, "{\"name\":\"Renamed\",\"configuration\":{\"host\":\"db2\"}}");
        HttpResponse<String> slugChange = patch("/sources/" + id, "{\"slug\":\"other\"}");
        HttpResponse<String> unknown = patch("/sources/" + (id + 100), "{\"name\":\"x\"}");

        assertThat(JSON.readTree(found.body()).get("data")).extracting(source -> source.get("id").asLong())
                .containsExactly(id);
        assertThat(JSON.readTree(none.body()).get("data")).isEmpty();
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(renamed.body()).get("name").asText()).isEqualTo("Renamed");
        assertThat(JSON.readTree(renamed.body()).get("slug").asText()).isEqualTo("warehouse");
        assertThat(slugChange.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(slugChange.body()).get("details").get("slug").asText()).isEqualTo("is not allowed");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(hightouch.updates("sources")).isEqualTo(1);
        assertThat(hightouch.created("sources")).singleElement()
                .satisfies(source -> assertThat(source).containsEntry("name", "Renamed"));
    }

    @Test
    void theEventsApiWantsTheWriteKeyAsBasicUserAndCountsAnEventSentTwiceOnce() throws Exception {
        String batch = "{\"batch\":[{\"type\":\"track\",\"event\":\"Signed Up\",\"userId\":\"u1\",\"messageId\":\"m1\"},"
                       + "{\"type\":\"identify\",\"userId\":\"u1\",\"messageId\":\"m2\"}]}";

        assertThat(events(batch, null).statusCode()).isEqualTo(401);
        assertThat(events(batch, "Bearer " + hightouch.writeKey()).statusCode()).isEqualTo(401);
        assertThat(events(batch, "Bearer " + hightouch.apiKey()).statusCode()).isEqualTo(401);
        assertThat(events(batch, basic(hightouch.writeKey())).statusCode()).isEqualTo(200);
        assertThat(events(batch, basic(hightouch.writeKey())).statusCode()).isEqualTo(200);

        assertThat(hightouch.acceptedEvents()).isEqualTo(2);
        assertThat(hightouch.eventBatchSizes()).containsExactly(2, 2);
    }

    @Test
    void theEventsApiRefusesMalformedAndOversizeBatchesWith400() throws Exception {
        String big = "x".repeat(EventsResponder.MAX_EVENT_BYTES);
        String key = basic(hightouch.writeKey());

        assertThat(events("{\"batch\":", key).statusCode()).isEqualTo(400);
        assertThat(events("[]", key).statusCode()).isEqualTo(400);
        assertThat(events("{\"batch\":[{\"type\":\"buy\"}]}", key).statusCode()).isEqualTo(400);
        HttpResponse<String> oversizeEvent = events("{\"batch\":[{\"type\":\"track\",\"event\":\"" + big + "\"}]}", key);
        StringBuilder many = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 20; i++) {
            many.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"").append("y".repeat(30_000)).append("\"}");
        }
        HttpResponse<String> oversizeBatch = events(many.append("]}").toString(), key);

        assertThat(oversizeEvent.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(oversizeEvent.body()).get("message").asText()).contains("batch[0]").contains("32768");
        assertThat(oversizeBatch.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(oversizeBatch.body()).get("message").asText()).contains("under 512000");
        assertThat(hightouch.acceptedEvents()).isZero();
        assertThat(hightouch.eventBatchSizes()).isEmpty();
    }

    @Test
    void answers422WithDetailsOnABadBody() throws Exception {
        HttpResponse<String> response = post("/models",
                "{\"name\":\"Customers\",\"slug\":\"customers\",\"sourceId\":\"12\",\"queryType\":\"raw_sql\","
                                                        + "\"isSchema\":false,\"kind\":\"model\"}",
                hightouch.apiKey());

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("message").asText()).isEqualTo("Validation failed");
        JsonNode details = body.get("details");
        assertThat(details.get("primaryKey").asText()).isEqualTo("is required");
        assertThat(details.get("sourceId").asText()).isEqualTo("must be of type number");
        assertThat(details.get("kind").asText()).isEqualTo("is not allowed");
        assertThat(details.size()).isEqualTo(3);
        assertThat(hightouch.created("models")).isEmpty();
    }

    @Test
    void answers404OnOtherPaths() throws Exception {
        assertThat(post("/syncs/1/trigger", "{}", hightouch.apiKey()).statusCode()).isEqualTo(404);
    }

    @Test
    void knowsOneSyncAndAnswers404ForTheRunsOrTriggersOfAnyOther() throws Exception {
        assertThat(post("/syncs/43/trigger", "", hightouch.apiKey()).statusCode()).isEqualTo(404);
        assertThat(get("/syncs/43/runs", hightouch.apiKey()).statusCode()).isEqualTo(404);
        assertThat(get("/syncs/" + LocalHightouch.SYNC_ID + "/runs", hightouch.apiKey()).statusCode()).isEqualTo(200);
        assertThat(hightouch.syncRuns()).isEmpty();
    }

    @Test
    void syncTriggersAndRunsAnswer401WithoutTheKey() throws Exception {
        assertThat(post(triggerPath(), "", null).statusCode()).isEqualTo(401);
        assertThat(post(triggerPath(), "", "not-" + hightouch.apiKey()).statusCode()).isEqualTo(401);
        assertThat(get(runsPath(), null).statusCode()).isEqualTo(401);
        assertThat(hightouch.syncRuns()).isEmpty();
    }

    @Test
    void aTriggeredRunGoesFromQueuedThroughProcessingToSuccessOverSuccessivePolls() throws Exception {
        HttpResponse<String> trigger = post(triggerPath(), "{\"fullResync\":true}", hightouch.apiKey());

        assertThat(trigger.statusCode()).isEqualTo(200);
        assertThat(HightouchContract.violations(trigger)).isEmpty();
        JsonNode triggered = JSON.readTree(trigger.body());
        assertThat(triggered.get("id").isTextual()).as("the trigger answers the run id as a string").isTrue();
        String runId = triggered.get("id").asText();

        List<JsonNode> polls = poll(runId, 8);

        // right after the trigger the run is not visible yet, as can happen with Hightouch
        assertThat(polls.get(0)).isEmpty();
        List<JsonNode> runs = polls.subList(1, polls.size()).stream().map(data -> {
            assertThat(data).hasSize(1);
            return data.get(0);
        }).toList();
        assertThat(runs).extracting(run -> run.get("status").asText()).containsExactly(
                "queued", "processing", "processing", "processing", "success", "success", "success");
        assertThat(runs).extracting(run -> run.get("completionRatio").asDouble())
                .containsExactly(0.0, 0.25, 0.5, 0.75, 1.0, 1.0, 1.0);
        assertThat(runs).allSatisfy(run -> assertThat(run.get("id").isIntegralNumber()).isTrue())
                .allSatisfy(run -> assertThat(run.get("id").asText()).isEqualTo(runId));
        JsonNode queued = runs.get(0);
        assertThat(queued.get("startedAt").isNull()).isTrue();
        assertThat(queued.get("finishedAt").isNull()).isTrue();
        JsonNode processing = runs.get(1);
        assertThat(processing.get("startedAt").isTextual()).isTrue();
        assertThat(processing.get("finishedAt").isNull()).isTrue();

        JsonNode success = runs.get(4);
        Instant createdAt = Instant.parse(success.get("createdAt").asText());
        Instant startedAt = Instant.parse(success.get("startedAt").asText());
        Instant finishedAt = Instant.parse(success.get("finishedAt").asText());
        assertThat(createdAt).isBeforeOrEqualTo(startedAt);
        assertThat(startedAt).isBeforeOrEqualTo(finishedAt);
        assertThat(success.get("plannedRows").get("addedCount").asInt()).isPositive();
        assertThat(success.get("successfulRows")).isEqualTo(success.get("plannedRows"));
        assertThat(rowTotal(success.get("failedRows"))).isZero();
        assertThat(success.has("error")).isFalse();
        // later polls see the finished run as it was
        assertThat(runs.get(6)).isEqualTo(success);
        assertThat(hightouch.syncRuns()).hasSize(1);
        assertThat(hightouch.syncRuns().get(0)).containsEntry("status", "success")
                .containsEntry("finishedAt", success.get("finishedAt").asText());
    }

    @Test
    void everyAnswerAboutAFinishedRunIsWhatHightouchDescribes() throws Exception {
        for (String endStatus : List.of("success", "warning", "failed", "cancelled", "interrupted")) {
            try (LocalHightouch ending = LocalHightouch.start(endStatus)) {
                String runId = JSON.readTree(post(ending, triggerPath(), "", ending.apiKey()).body()).get("id").asText();
                HttpResponse<String> last = null;
                for (int i = 0; i < 6; i++) {
                    last = send(HttpRequest.newBuilder(URI.create(ending.baseUrl() + runsPath() + "?runId=" + runId))
                            .GET(), ending.apiKey());
                }

                assertThat(HightouchContract.violations(last)).as(endStatus).isEmpty();
                JsonNode run = JSON.readTree(last.body()).get("data").get(0);
                assertThat(run.get("status").asText()).isEqualTo(endStatus);
                boolean failedRun = !endStatus.equals("success") && !endStatus.equals("warning");
                assertThat(run.hasNonNull("error")).as(endStatus + " has an error").isEqualTo(failedRun);
                if (!endStatus.equals("success")) {
                    assertThat(rowTotal(run.get("successfulRows"))).as(endStatus)
                            .isLessThan(rowTotal(run.get("plannedRows")));
                }
            }
        }
    }

    @Test
    void aFailedRunTellsWhichRowsFailedAndWhy() throws Exception {
        try (LocalHightouch failing = LocalHightouch.start("failed")) {
            String runId = JSON.readTree(post(failing, triggerPath(), "", failing.apiKey()).body()).get("id").asText();
            JsonNode run = null;
            for (int i = 0; i < 6; i++) {
                run = JSON.readTree(send(HttpRequest.newBuilder(
                        URI.create(failing.baseUrl() + runsPath() + "?runId=" + runId)).GET(), failing.apiKey()).body());
            }

            JsonNode failed = run.get("data").get(0);
            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(failed.get("error").asText()).contains(rowTotal(failed.get("failedRows")) + " rows");
            for (String count : List.of("addedCount", "changedCount", "removedCount")) {
                assertThat(failed.get("successfulRows").get(count).asInt() + failed.get("failedRows").get(count).asInt())
                        .as(count).isEqualTo(failed.get("plannedRows").get(count).asInt());
            }
        }
    }

    @Test
    void aRunToldToNeverEndStaysProcessing() throws Exception {
        try (LocalHightouch stuck = LocalHightouch.start("processing")) {
            String runId = JSON.readTree(post(stuck, triggerPath(), "", stuck.apiKey()).body()).get("id").asText();
            for (int i = 0; i < 12; i++) {
                send(HttpRequest.newBuilder(URI.create(stuck.baseUrl() + runsPath() + "?runId=" + runId)).GET(),
                        stuck.apiKey());
            }

            assertThat(stuck.syncRuns()).singleElement()
                    .satisfies(run -> assertThat(run).containsEntry("status", "processing").containsEntry("finishedAt", null));
        }
    }

    @Test
    void eachTriggerStartsANewRunAndRunIdSelectsOne() throws Exception {
        String first = JSON.readTree(post(triggerPath(), "", hightouch.apiKey()).body()).get("id").asText();
        String second = JSON.readTree(post(triggerPath(), "{}", hightouch.apiKey()).body()).get("id").asText();
        get(runsPath(), hightouch.apiKey()); // both runs become visible

        JsonNode onlyFirst = JSON.readTree(get(runsPath() + "?runId=" + first, hightouch.apiKey()).body());
        JsonNode both = JSON.readTree(get(runsPath(), hightouch.apiKey()).body());

        assertThat(second).isNotEqualTo(first);
        assertThat(onlyFirst.get("data")).extracting(run -> run.get("id").asText()).containsExactly(first);
        assertThat(both.get("data")).extracting(run -> run.get("id").asText()).containsExactly(first, second);
        assertThat(hightouch.syncRuns()).extracting(run -> String.valueOf(run.get("id"))).containsExactly(first, second);
    }

    @Test
    void aTriggerWithOtherFieldsOrValuesIsRefusedWith422() throws Exception {
        HttpResponse<String> response = post(triggerPath(), "{\"fullResync\":\"yes\",\"priority\":1}", hightouch.apiKey());

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode details = JSON.readTree(response.body()).get("details");
        assertThat(details.get("fullResync").asText()).isEqualTo("must be of type boolean");
        assertThat(details.get("priority").asText()).isEqualTo("is not allowed");
        assertThat(hightouch.syncRuns()).isEmpty();
    }

    /**
     * Polls the run the given number of times; answers the data array of each poll. Each answer is checked against
     * Hightouch's description, which marks startedAt and finishedAt as required strings: the one liberty the stand-in
     * takes is null for the start or end time of a run that has not started or finished yet.
     */
    private List<JsonNode> poll(String runId, int times) throws Exception {
        List<JsonNode> polls = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            HttpResponse<String> response = get(runsPath() + "?runId=" + runId, hightouch.apiKey());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode page = JSON.readTree(response.body());
            assertThat(page.get("hasMore").asBoolean()).isFalse();
            List<String> nullTimes = new ArrayList<>();
            for (JsonNode run : page.get("data")) {
                for (String time : List.of("startedAt", "finishedAt")) {
                    if (run.get(time).isNull()) {
                        nullTimes.add(time);
                    }
                }
            }
            assertThat(HightouchContract.violations(response)).as(response.body())
                    .hasSize(nullTimes.size())
                    .allSatisfy(violation -> assertThat(violation)
                            .matches("\\[validation\\.response\\.body\\.schema\\.type] \\[Path '/data/0/(startedAt|finishedAt)'] "
                                     + "Instance type \\(null\\) does not match .*"));
            polls.add(page.get("data"));
        }
        return polls;
    }

    private static int rowTotal(JsonNode rows) {
        return rows.get("addedCount").asInt() + rows.get("changedCount").asInt() + rows.get("removedCount").asInt();
    }

    private static String triggerPath() {
        return "/syncs/" + LocalHightouch.SYNC_ID + "/trigger";
    }

    private static String runsPath() {
        return "/syncs/" + LocalHightouch.SYNC_ID + "/runs";
    }

    private HttpResponse<String> get(String path, String apiKey) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(hightouch.baseUrl() + path)).GET(), apiKey);
    }

    private HttpResponse<String> post(String path, String body, String apiKey) throws Exception {
        return post(hightouch, path, body, apiKey);
    }

    private HttpResponse<String> post(LocalHightouch to, String path, String body, String apiKey) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(to.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), apiKey);
    }

    private HttpResponse<String> patch(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(hightouch.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)), hightouch.apiKey());
    }

    private HttpResponse<String> events(String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hightouch.eventsUrl() + "/v1/batch"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String writeKey) {
        return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String apiKey) throws Exception {
        request.timeout(Duration.ofSeconds(10));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
