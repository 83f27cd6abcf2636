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
package io.github.camelhightouch.internal.operation;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fields onConflict=update sends are exactly the properties of each PATCH request schema in Hightouch's newest
 * OpenAPI description: a field the PATCH refuses is never sent, and none it accepts is left out.
 */
class PatchableFieldsTest {

    private static final Map<SlugLookup.Kind, String> PATHS = Map.of(SlugLookup.Kind.SOURCE, "/sources/{sourceId}",
            SlugLookup.Kind.DESTINATION, "/destinations/{destinationId}", SlugLookup.Kind.MODEL, "/models/{modelId}",
            SlugLookup.Kind.SYNC, "/syncs/{syncId}");

    @Test
    void thePatchedFieldsAreThePropertiesOfEachPatchSchema() throws IOException {
        JsonNode spec;
        try (InputStream in = getClass().getResourceAsStream("/hightouch-openapi-latest.json")) {
            spec = new ObjectMapper().readTree(in);
        }
        for (SlugLookup.Kind kind : SlugLookup.Kind.values()) {
            JsonNode schema = resolve(spec, spec.path("paths").path(PATHS.get(kind)).path("patch").path("requestBody")
                    .path("content").path("application/json").path("schema"));
            List<String> properties = new ArrayList<>();
            schema.path("properties").fieldNames().forEachRemaining(properties::add);
            assertThat(properties).as(kind.name()).isNotEmpty();
            assertThat(ConflictResolution.PATCHABLE.get(kind)).as(kind.name())
                    .containsExactlyInAnyOrderElementsOf(properties);
            assertThat(schema.path("additionalProperties").asBoolean(true)).as("closed schema").isFalse();
        }
    }

    private static JsonNode resolve(JsonNode spec, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            JsonNode target = spec;
            for (String part : current.get("$ref").asText().substring(2).split("/")) {
                target = target.path(part);
            }
            current = target;
        }
        return current;
    }
}
