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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 */
public final class StandInWorkspace implements ResponseDefinitionTransformerV2 {

    /** The kinds of resource. */
    public static final List<String> KINDS = List.of("sources", "models", "destinations", "syncs");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("/api/v1/(sources|models|destinations|syncs)(?:/([0-9]+))?");

    private final Map<String, List<ObjectNode>> resources = new ConcurrentHashMap<>();
    private final Deque<Forced> forced = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(100);

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
        return this;
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
        Matcher matcher = PATH.matcher(url.contains("?") ? url.substring(0, url.indexOf('?')) : url);
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

    private static ResponseDefinition json(int status, String body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)
                .build();
    }

    @Override
    public String getName() {
        return "stand-in-workspace";
    }
}
