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
package io.github.camelhightouch.testing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A small Hightouch workspace behind the {@link HightouchStandIn}: sources, models, destinations and syncs that
 * {@code POST /<kind>} creates (409 when the slug is taken, as Hightouch answers), {@code GET /<kind>?slug=} lists,
 * {@code GET} and {@code PATCH /<kind>/{id}} read and change. Every request still goes through the stand-in's contract
 * check. A test can force the next answers of a method and kind (a 500, a reset, a 429), before or after the request
 * took effect, to play a request whose outcome is unknown.
 * <p>
 * Sync runs too: {@code POST /syncs/{id}/trigger} starts a run that goes as {@link #planRuns planned}, and
 * {@code GET /syncs/{id}/runs} answers polls of one run and lists of recent runs; {@link #answerNext} forces the next
 * answer of the kinds {@code trigger}, {@code runs} (a {@code runId} poll) and {@code runs-list} (a list).
 */
public final class StandInWorkspace implements ResponseDefinitionTransformerV2 {

    /** The kinds of resource. */
    public static final List<String> KINDS = List.of("sources", "models", "destinations", "syncs");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("/api/v1/(sources|models|destinations|syncs)(?:/([0-9]+))?");
    private static final Pattern RUNS = Pattern.compile("/api/v1/syncs/([0-9]+)/(trigger|runs)");

    /**
     * How a triggered sync run goes: invisible for {@code visibleAfterMillis} after its trigger (as Hightouch's run
     * list can be right after one), then {@code processing}, then {@code finalStatus} from {@code finishAfterMillis}
     * on ({@code Long.MAX_VALUE}: never).
     */
    public record RunPlan(long visibleAfterMillis, long finishAfterMillis, String finalStatus) {
    }

    /** A run of the stand-in: its sync, plan, trigger time, and whether lists leave it out. */
    private static final class StandInRun {
        final long id;
        final String syncId;
        final RunPlan plan;
        final long triggeredNanos = System.nanoTime();
        final Instant createdAt = Instant.now();
        volatile boolean hiddenFromLists;

        StandInRun(long id, String syncId, RunPlan plan) {
            this.id = id;
            this.syncId = syncId;
            this.plan = plan;
        }

        long age() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - triggeredNanos);
        }

        boolean visible() {
            return age() >= plan.visibleAfterMillis;
        }

        ObjectNode json() {
            boolean done = age() >= plan.finishAfterMillis;
            ObjectNode run = JSON.createObjectNode();
            run.put("id", id);
            run.put("createdAt", createdAt.toString());
            run.put("startedAt", createdAt.toString());
            if (done) {
                run.put("finishedAt", createdAt.plusMillis(plan.finishAfterMillis).toString());
            } else {
                run.putNull("finishedAt");
            }
            run.put("status", done ? plan.finalStatus : "processing");
            run.put("completionRatio", done ? 1 : 0.5);
            return run;
        }
    }

    private final Map<String, List<ObjectNode>> resources = new ConcurrentHashMap<>();
    private final Deque<Forced> forced = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(100);
    private final AtomicLong runIds = new AtomicLong(1000);
    private final List<StandInRun> runs = new ArrayList<>();
    private volatile Function<String, RunPlan> plans = syncId -> new RunPlan(0, 0, "success");

    private record Forced(String method, String kind, ResponseDefinition answer, boolean applyFirst) {
    }

    public StandInWorkspace() {
        KINDS.forEach(kind -> resources.put(kind, new ArrayList<>()));
    }

    /**
     * Answers every request to the four kinds from this workspace, for the current test.
     */
    public StandInWorkspace install(HightouchStandIn standIn) {
        String name = standIn.transformWith(this);
        standIn.server().stubFor(any(urlPathMatching(PATH.pattern())).willReturn(aResponse().withTransformers(name)));
        standIn.server().stubFor(any(urlPathMatching(RUNS.pattern())).willReturn(aResponse().withTransformers(name)));
        return this;
    }

    /**
     * How the runs triggered from now on go, given their sync id ({@code POST /syncs/{id}/trigger} starts one; its
     * {@code GET /syncs/{id}/runs} answers {@code runId} polls and lists filtered by {@code after} on the creation
     * time, ordered by {@code orderBy} (oldest first), paged by {@code limit}/{@code offset} with {@code hasMore}).
     * By default a run succeeds at once.
     */
    public StandInWorkspace planRuns(Function<String, RunPlan> plans) {
        this.plans = plans;
        return this;
    }

    /** Lists of runs leave this run out from now on (its {@code runId} poll still finds it). */
    public synchronized void hideFromLists(String runId) {
        runs.stream().filter(run -> Long.toString(run.id).equals(runId)).forEach(run -> run.hiddenFromLists = true);
    }

    /** The plan of a run triggered so far, or null. */
    public synchronized RunPlan planOf(String runId) {
        return runs.stream().filter(run -> Long.toString(run.id).equals(runId)).map(run -> run.plan).findFirst()
                .orElse(null);
    }

    /** The ids of the runs triggered so far, oldest first. */
    public synchronized List<String> runIds() {
        List<String> ids = new ArrayList<>();
        runs.forEach(run -> ids.add(Long.toString(run.id)));
        return ids;
    }

    /**
     * Adds a resource as if it existed (two with one slug play a workspace where the slug is not unique); returns its
     * id.
     */
    public synchronized long add(String kind, Map<String, ?> fields) {
        ObjectNode resource = JSON.valueToTree(fields);
        long id = ids.incrementAndGet();
        resource.put("id", id);
        resources.get(kind).add(resource);
        return id;
    }

    /** The resources of a kind, as they are now. */
    public synchronized List<JsonNode> all(String kind) {
        return List.copyOf(resources.get(kind));
    }

    /**
     * The next request with this method to this kind gets this answer instead; with {@code applyFirst} the request
     * takes effect before (a create that happened, whose answer was lost).
     */
    public synchronized StandInWorkspace answerNext(String method, String kind, ResponseDefinition answer,
                                                    boolean applyFirst) {
        forced.add(new Forced(method, kind, answer, applyFirst));
        return this;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        LoggedRequest request = serveEvent.getRequest();
        String method = request.getMethod().getName();
        String url = request.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        Matcher runsPath = RUNS.matcher(path);
        if (runsPath.matches()) {
            String kind = "runs".equals(runsPath.group(2)) && !request.queryParameter("runId").isPresent() ? "runs-list"
                    : runsPath.group(2);
            for (Iterator<Forced> it = forced.iterator(); it.hasNext();) {
                Forced next = it.next();
                if (next.method.equals(method) && next.kind.equals(kind)) {
                    it.remove();
                    return next.answer;
                }
            }
            return runs(request, method, runsPath.group(1), runsPath.group(2));
        }
        Matcher matcher = PATH.matcher(path);
        if (!matcher.matches()) {
            // another stub of the test: the stand-in's transformer applies to every stub
            return serveEvent.getResponseDefinition();
        }
        String kind = matcher.group(1);
        String id = matcher.group(2);
        for (Iterator<Forced> it = forced.iterator(); it.hasNext();) {
            Forced next = it.next();
            if (next.method.equals(method) && next.kind.equals(kind)) {
                it.remove();
                if (next.applyFirst) {
                    answer(request, method, kind, id);
                }
                return next.answer;
            }
        }
        return answer(request, method, kind, id);
    }

    private ResponseDefinition answer(LoggedRequest request, String method, String kind, String id) {
        try {
            List<ObjectNode> list = resources.get(kind);
            if ("POST".equals(method) && id == null) {
                ObjectNode record = (ObjectNode) JSON.readTree(request.getBody());
                String slug = record.path("slug").asText();
                if (list.stream().anyMatch(r -> slug.equals(r.path("slug").asText()))) {
                    return json(409, "{\"message\":\"Validation failed\",\"details\":{\"slug\":\"A resource with slug "
                                     + slug + " already exists\"}}");
                }
                record.put("id", ids.incrementAndGet());
                record.put("workspaceId", 1);
                list.add(record);
                return json(200, record.toString());
            }
            if ("GET".equals(method) && id == null) {
                String slug = request.queryParameter("slug").isPresent() ? request.queryParameter("slug").firstValue()
                        : null;
                ArrayNode data = JSON.createArrayNode();
                list.stream().filter(r -> slug == null || slug.equals(r.path("slug").asText())).forEach(data::add);
                ObjectNode page = JSON.createObjectNode();
                page.set("data", data);
                page.put("hasMore", false);
                return json(200, page.toString());
            }
            ObjectNode resource = list.stream().filter(r -> id != null && id.equals(r.path("id").asText())).findFirst()
                    .orElse(null);
            if (resource == null) {
                return responseDefinition().withStatus(404).build();
            }
            if ("PATCH".equals(method)) {
                JsonNode changes = JSON.readTree(request.getBody());
                changes.fields().forEachRemaining(field -> resource.set(field.getKey(), field.getValue()));
            }
            return json(200, resource.toString());
        } catch (Exception e) {
            return responseDefinition().withStatus(400).build();
        }
    }

    /** A trigger, a {@code runId} poll or a list of a sync's runs; {@code forced} kinds are "trigger" and "runs". */
    private ResponseDefinition runs(LoggedRequest request, String method, String syncId, String what) {
        if ("POST".equals(method) && "trigger".equals(what)) {
            StandInRun run = new StandInRun(runIds.incrementAndGet(), syncId, plans.apply(syncId));
            runs.add(run);
            return json(200, "{\"id\":\"" + run.id + "\"}");
        }
        if (!"GET".equals(method) || !"runs".equals(what)) {
            return responseDefinition().withStatus(404).build();
        }
        ArrayNode data = JSON.createArrayNode();
        boolean hasMore = false;
        if (request.queryParameter("runId").isPresent()) {
            String runId = request.queryParameter("runId").firstValue();
            runs.stream().filter(run -> run.syncId.equals(syncId) && Long.toString(run.id).equals(runId)
                                        && run.visible()).forEach(run -> data.add(run.json()));
        } else {
            Instant after = request.queryParameter("after").isPresent()
                    ? Instant.parse(request.queryParameter("after").firstValue()) : Instant.MIN;
            int limit = request.queryParameter("limit").isPresent()
                    ? (int) Double.parseDouble(request.queryParameter("limit").firstValue()) : 100;
            int offset = request.queryParameter("offset").isPresent()
                    ? (int) Double.parseDouble(request.queryParameter("offset").firstValue()) : 0;
            List<StandInRun> listed = runs.stream()
                    .filter(run -> run.syncId.equals(syncId) && run.visible() && !run.hiddenFromLists
                                   && !run.createdAt.isBefore(after))
                    .toList();
            listed.stream().skip(offset).limit(limit).forEach(run -> data.add(run.json()));
            hasMore = listed.size() > offset + limit;
        }
        ObjectNode page = JSON.createObjectNode();
        page.set("data", data);
        page.put("hasMore", hasMore);
        return json(200, page.toString());
    }

    private static ResponseDefinition json(int status, String body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)
                .build();
    }

    @Override
    public String getName() {
        return "stand-in-workspace";
    }
}
