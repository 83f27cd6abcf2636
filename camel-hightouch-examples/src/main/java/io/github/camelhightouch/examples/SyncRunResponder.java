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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * How the local Hightouch stand-in triggers syncs and answers for their runs, like the real API:
 * <ul>
 * <li>{@code POST /syncs/{syncId}/trigger} (body optional: fullResync, resetCDC, clearAndFill) starts a new run and
 * answers {@code {"id":"<run id>"}}, the id as a string as Hightouch does;</li>
 * <li>{@code GET /syncs/{syncId}/runs} answers {@code {"data":[...runs...],"hasMore":false}}, the runs of the sync,
 * only the one asked for with {@code runId=}; each answer moves the runs it reaches on one step
 * ({@link StandInSyncRun}).</li>
 * </ul>
 * 401 without the key, 404 for a sync it does not know, 422 for a trigger body with other fields or values.
 */
final class SyncRunResponder implements ResponseDefinitionTransformerV2 {

    /** The name stubs refer to. */
    static final String NAME = "hightouch-sync-runs";

    private static final Pattern TRIGGER = Pattern.compile(LocalHightouch.API_PATH + "/syncs/([^/?]+)/trigger");
    private static final Pattern RUNS = Pattern.compile(LocalHightouch.API_PATH + "/syncs/([^/?]+)/runs");
    private static final Set<String> TRIGGER_FLAGS = Set.of("fullResync", "resetCDC", "clearAndFill");

    /** The first run ids the stand-in hands out are 9001, 9002, ... */
    private static final long FIRST_RUN_ID = 9001;

    private final ObjectMapper json = new ObjectMapper();
    private final String apiKey;
    private final Set<String> syncIds;
    private final String endStatus;
    private final Map<Long, StandInSyncRun> runs = new LinkedHashMap<>();

    /**
     * @param apiKey    the one key it accepts
     * @param syncIds   the syncs it knows
     * @param endStatus the status its runs end in (processing: they never end)
     */
    SyncRunResponder(String apiKey, Set<String> syncIds, String endStatus) {
        this.apiKey = apiKey;
        this.syncIds = Set.copyOf(syncIds);
        this.endStatus = endStatus;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        LoggedRequest request = serveEvent.getRequest();
        if (!StandInAnswers.isAuthorized(request, apiKey)) {
            return StandInAnswers.unauthorized();
        }
        String path = request.getUrl().split("\\?", 2)[0];
        Matcher trigger = TRIGGER.matcher(path);
        if (request.getMethod().equals(RequestMethod.POST) && trigger.matches() && syncIds.contains(trigger.group(1))) {
            return trigger(trigger.group(1), request);
        }
        Matcher runList = RUNS.matcher(path);
        if (request.getMethod().equals(RequestMethod.GET) && runList.matches() && syncIds.contains(runList.group(1))) {
            return runs(runList.group(1), request);
        }
        return StandInAnswers.json(404, Map.of("message", "Not found: " + request.getMethod() + " " + path));
    }

    private ResponseDefinition trigger(String syncId, LoggedRequest request) {
        Map<String, String> problems = new TreeMap<>();
        String text = request.getBodyAsString();
        if (text != null && !text.isBlank()) {
            JsonNode body;
            try {
                body = json.readTree(text);
            } catch (JsonProcessingException e) {
                return StandInAnswers.json(400, Map.of("message", "Body is not JSON"));
            }
            if (!body.isObject()) {
                problems.put("body", "must be a JSON object");
            } else {
                body.fields().forEachRemaining(field -> {
                    if (!TRIGGER_FLAGS.contains(field.getKey())) {
                        problems.put(field.getKey(), "is not allowed");
                    } else if (!field.getValue().isBoolean()) {
                        problems.put(field.getKey(), "must be of type boolean");
                    }
                });
            }
        }
        if (!problems.isEmpty()) {
            return StandInAnswers.json(422, Map.of("message", "Validation failed", "details", problems));
        }
        long runId = FIRST_RUN_ID + runs.size();
        runs.put(runId, new StandInSyncRun(syncId, runId, endStatus));
        return StandInAnswers.json(200, Map.of("id", Long.toString(runId)));
    }

    private ResponseDefinition runs(String syncId, LoggedRequest request) {
        QueryParameter runIdParameter = request.queryParameter("runId");
        Long runId = null;
        if (runIdParameter.isPresent()) {
            try {
                runId = Long.valueOf(runIdParameter.firstValue());
            } catch (NumberFormatException e) {
                return StandInAnswers.json(422, Map.of("message", "Validation failed",
                        "details", Map.of("runId", "must be a number")));
            }
        }
        ArrayNode data = json.createArrayNode();
        for (StandInSyncRun run : runs.values()) {
            if (run.syncId().equals(syncId) && (runId == null || run.id() == runId) && run.poll()) {
                data.add(run.toJson());
            }
        }
        ObjectNode page = json.createObjectNode();
        page.set("data", data);
        page.put("hasMore", false);
        return StandInAnswers.json(200, page);
    }

    /** Every run triggered so far, in its current state, in the order of the triggers. */
    synchronized List<Map<String, Object>> runs() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (StandInSyncRun run : runs.values()) {
            all.add(json.convertValue(run.toJson(), new TypeReference<Map<String, Object>>() {
            }));
        }
        return all;
    }
}
