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

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * How the local Hightouch stand-in answers, like the real API: 401 without {@code Authorization: Bearer <key>};
 * for a create ({@code POST}), 422 {@code {"message":"Validation failed","details":{...}}} when a required field is
 * missing or of the wrong type or an unknown field is sent, 409 with the same shape when the slug was used before, and
 * otherwise 200 with the created resource: the sent fields plus a numeric {@code id} (incrementing), {@code workspaceId}
 * and timestamps. {@code GET /<collection>?slug=} answers the list of the resources with that slug, and
 * {@code PATCH /<collection>/<id>} changes the fields the API lets an update change (422 for any other, 404 for an
 * unknown id). Stubs without a collection parameter answer 404. It remembers what it created and updated: the stand-in
 * is stateful.
 */
final class HightouchResourceResponder implements ResponseDefinitionTransformerV2 {

    /** The name stubs refer to. */
    static final String NAME = "hightouch-resources";

    /** The transformer parameter naming the collection a stub creates in: sources or models. */
    static final String COLLECTION = "collection";

    private static final Map<String, ResourceType> TYPES = Map.of(
            "sources", new ResourceType("source",
                    Map.of("name", JsonNodeType.STRING, "slug", JsonNodeType.STRING, "type", JsonNodeType.STRING,
                            "configuration", JsonNodeType.OBJECT),
                    Set.of(), Set.of("name", "configuration")),
            "models", new ResourceType("model",
                    Map.of("name", JsonNodeType.STRING, "slug", JsonNodeType.STRING, "queryType", JsonNodeType.STRING,
                            "sourceId", JsonNodeType.NUMBER, "isSchema", JsonNodeType.BOOLEAN,
                            "primaryKey", JsonNodeType.STRING),
                    Set.of("folderId", "raw", "table", "custom", "visual", "dbt", "dbt_cloud"),
                    Set.of("name", "isSchema", "primaryKey", "folderId", "raw", "table", "custom", "visual", "dbt",
                            "dbt_cloud")));

    private final String apiKey;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, List<ObjectNode>> created = new HashMap<>();
    private final Map<String, Integer> updates = new HashMap<>();
    private long lastId;

    HightouchResourceResponder(String apiKey) {
        this.apiKey = apiKey;
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
        String collection = serveEvent.getTransformerParameters().getString(COLLECTION, null);
        ResourceType type = collection == null ? null : TYPES.get(collection);
        if (type == null) {
            return notFound(request);
        }
        String method = request.getMethod().getName();
        if ("GET".equals(method)) {
            return findBySlug(collection, request);
        }
        JsonNode body;
        try {
            body = json.readTree(request.getBodyAsString());
        } catch (JsonProcessingException e) {
            return answer(400, Map.of("message", "Body is not JSON"));
        }
        if (body == null || !body.isObject()) {
            return validationFailed(422, Map.of("body", "must be a JSON object"));
        }
        if ("PATCH".equals(method)) {
            return update(collection, type, request, (ObjectNode) body);
        }
        Map<String, String> problems = type.check((ObjectNode) body);
        if (!problems.isEmpty()) {
            return validationFailed(422, problems);
        }
        String slug = body.get("slug").asText();
        if (withSlug(collection, slug).findAny().isPresent()) {
            return validationFailed(409, Map.of("slug", "a " + type.singular() + " with slug '" + slug + "' already exists"));
        }
        return answer(200, create(collection, (ObjectNode) body));
    }

    private ResponseDefinition findBySlug(String collection, LoggedRequest request) {
        QueryParameter slug = request.queryParameter("slug");
        List<ObjectNode> found = slug.isPresent()
                ? withSlug(collection, slug.firstValue()).toList()
                : created.getOrDefault(collection, List.of());
        return answer(200, Map.of("data", found, "hasMore", false));
    }

    private ResponseDefinition update(String collection, ResourceType type, LoggedRequest request, ObjectNode body) {
        String path = request.getUrl().split("\\?", 2)[0];
        String id = path.substring(path.lastIndexOf('/') + 1);
        ObjectNode resource = created.getOrDefault(collection, List.of()).stream()
                .filter(candidate -> candidate.get("id").asText().equals(id))
                .findFirst().orElse(null);
        if (resource == null) {
            return notFound(request);
        }
        Map<String, String> problems = new TreeMap<>();
        body.fieldNames().forEachRemaining(field -> {
            if (!type.updatable().contains(field)) {
                problems.put(field, "is not allowed");
            }
        });
        if (!problems.isEmpty()) {
            return validationFailed(422, problems);
        }
        resource.setAll(body);
        resource.put("updatedAt", Instant.now().toString());
        updates.merge(collection, 1, Integer::sum);
        return answer(200, resource);
    }

    private Stream<ObjectNode> withSlug(String collection, String slug) {
        return created.getOrDefault(collection, List.of()).stream()
                .filter(resource -> slug.equals(resource.path("slug").asText(null)));
    }

    private static ResponseDefinition notFound(LoggedRequest request) {
        return answer(404, Map.of("message", "Not found: " + request.getMethod() + " " + request.getUrl()));
    }

    private ObjectNode create(String collection, ObjectNode body) {
        String now = Instant.now().toString();
        ObjectNode resource = json.createObjectNode()
                .put("id", ++lastId)
                .put("workspaceId", 1)
                .put("createdAt", now)
                .put("updatedAt", now);
        resource.setAll(body);
        created.computeIfAbsent(collection, c -> new ArrayList<>()).add(resource);
        return resource;
    }

    synchronized List<Map<String, Object>> created(String collection) {
        return created.getOrDefault(collection, List.of()).stream()
                .map(resource -> json.convertValue(resource, new TypeReference<Map<String, Object>>() {
                }))
                .toList();
    }

    /** How many updates (PATCH) of a collection's resources the stand-in has answered with 200. */
    synchronized int updates(String collection) {
        return updates.getOrDefault(collection, 0);
    }

    private ResponseDefinition validationFailed(int status, Map<String, String> details) {
        return answer(status, Map.of("message", "Validation failed", "details", new LinkedHashMap<>(details)));
    }

    private static ResponseDefinition answer(int status, Object body) {
        return StandInAnswers.json(status, body);
    }

    /**
     * What a create of one kind of resource needs: its required fields with their JSON types, and the optional fields
     * allowed besides (the API refuses any other); and the fields an update may change.
     */
    private record ResourceType(String singular, Map<String, JsonNodeType> required, Set<String> optional,
            Set<String> updatable) {

        Map<String, String> check(ObjectNode body) {
            Map<String, String> problems = new TreeMap<>();
            required.forEach((field, nodeType) -> {
                JsonNode value = body.get(field);
                if (value == null || value.isNull()) {
                    problems.put(field, "is required");
                } else if (value.getNodeType() != nodeType) {
                    problems.put(field, "must be of type " + nodeType.name().toLowerCase(Locale.ROOT));
                }
            });
            body.fieldNames().forEachRemaining(field -> {
                if (!required.containsKey(field) && !optional.contains(field)) {
                    problems.put(field, "is not allowed");
                }
            });
            return problems;
        }
    }
}
