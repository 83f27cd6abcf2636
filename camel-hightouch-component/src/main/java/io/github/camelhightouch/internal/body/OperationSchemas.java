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
package io.github.camelhightouch.internal.body;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.body.RecordSchema.Kind;

/**
 * The request bodies Hightouch accepts, per operation, as its OpenAPI description states them.
 */
public final class OperationSchemas {

    /** {@code POST /sources}: name, slug, type and configuration, nothing else. */
    public static final RecordSchema CREATE_SOURCE = RecordSchema.builder()
            .required("name", Kind.NON_EMPTY_STRING)
            .required("slug", Kind.NON_EMPTY_STRING)
            .required("type", Kind.NON_EMPTY_STRING)
            .required("configuration", Kind.OBJECT)
            .closed()
            .build();

    /** Which query object each model queryType needs. */
    static final Map<String, String> QUERY_OBJECT_BY_TYPE = queryObjects();

    /** The query objects of a model, one per queryType (dbt and dbt_cloud have the same shape). */
    private static final RecordSchema RAW_QUERY = RecordSchema.builder().required("sql", Kind.NON_EMPTY_STRING).build();
    private static final RecordSchema TABLE_QUERY = RecordSchema.builder().required("name", Kind.NON_EMPTY_STRING).build();
    private static final RecordSchema CUSTOM_QUERY = RecordSchema.builder().required("query", Kind.ANY).build();
    private static final RecordSchema VISUAL_QUERY = RecordSchema.builder().required("filter", Kind.ANY)
            .required("parentId", Kind.NUMBER).optional("primaryLabel", Kind.STRING).optional("secondaryLabel", Kind.STRING)
            .build();
    private static final RecordSchema DBT_QUERY = RecordSchema.builder().required("modelId", Kind.NUMBER).build();

    /** {@code POST /models}: the required fields, the query object matching queryType, and folderId. */
    public static final RecordSchema CREATE_MODEL = RecordSchema.builder()
            .required("name", Kind.NON_EMPTY_STRING)
            .required("slug", Kind.NON_EMPTY_STRING)
            .required("queryType", Kind.NON_EMPTY_STRING)
            .required("sourceId", Kind.NUMBER)
            .required("isSchema", Kind.BOOLEAN)
            .required("primaryKey", Kind.STRING)
            .optional("folderId", Kind.STRING)
            .optional("raw", RAW_QUERY)
            .optional("table", TABLE_QUERY)
            .optional("custom", CUSTOM_QUERY)
            .optional("visual", VISUAL_QUERY)
            .optional("dbt", DBT_QUERY)
            .optional("dbt_cloud", DBT_QUERY)
            .closed()
            .rule(OperationSchemas::queryObjectMatchesType)
            .build();

    /** {@code PATCH /sources/{id}} and {@code PATCH /destinations/{id}}: name and configuration only, at least one. */
    public static final RecordSchema UPDATE_CONNECTION = RecordSchema.builder()
            .optional("name", Kind.NON_EMPTY_STRING)
            .optional("configuration", Kind.OBJECT)
            .closed()
            .rule(atLeastOne("name", "configuration"))
            .build();

    /** {@code POST /destinations}: the same fields as a source. */
    public static final RecordSchema CREATE_DESTINATION = CREATE_SOURCE;

    /** {@code PATCH /models/{id}}: the fields the API accepts, at least one (no slug, queryType or sourceId). */
    public static final RecordSchema UPDATE_MODEL = RecordSchema.builder()
            .optional("name", Kind.NON_EMPTY_STRING)
            .optional("isSchema", Kind.BOOLEAN)
            .optional("primaryKey", Kind.STRING)
            .optional("folderId", Kind.STRING)
            .optional("raw", RAW_QUERY)
            .optional("table", TABLE_QUERY)
            .optional("custom", CUSTOM_QUERY)
            .optional("visual", VISUAL_QUERY)
            .optional("dbt", DBT_QUERY)
            .closed()
            .rule(atLeastOne("name", "isSchema", "primaryKey", "folderId", "raw", "table", "custom", "visual", "dbt"))
            .build();

    /** A sync schedule: its type and the schedule object of that type. */
    private static final RecordSchema SCHEDULE = RecordSchema.builder()
            .required("type", Kind.NON_EMPTY_STRING)
            .required("schedule", Kind.ANY)
            .build();

    /** {@code POST /syncs}: slug, configuration, destinationId, modelId, schedule (null for manual) and disabled. */
    public static final RecordSchema CREATE_SYNC = RecordSchema.builder()
            .required("slug", Kind.NON_EMPTY_STRING)
            .required("configuration", Kind.OBJECT)
            .required("destinationId", Kind.NUMBER)
            .required("modelId", Kind.NUMBER)
            .optional("schedule", SCHEDULE)
            .required("disabled", Kind.BOOLEAN)
            .closed()
            .rule(present("schedule", "is required (null for a sync that runs only when triggered)"))
            .build();

    /** {@code PATCH /syncs/{id}}: configuration, schedule and disabled, at least one. */
    public static final RecordSchema UPDATE_SYNC = RecordSchema.builder()
            .optional("configuration", Kind.OBJECT)
            .optional("schedule", SCHEDULE)
            .optional("disabled", Kind.BOOLEAN)
            .closed()
            .rule(atLeastOne("configuration", "schedule", "disabled"))
            .build();

    private OperationSchemas() {
    }

    /**
     * A rule: the record has at least one of the fields (null counts, for nullable ones like schedule).
     */
    private static RecordSchema.Rule atLeastOne(String... names) {
        return (record, path, violations) -> {
            for (String name : names) {
                if (record.has(name)) {
                    return;
                }
            }
            violations.add(new Violation(path.isEmpty() ? "body" : path,
                    "must have at least one of " + String.join(", ", names) + "; nothing to update"));
        };
    }

    /**
     * A rule: the field is present, null allowed.
     */
    private static RecordSchema.Rule present(String name, String reason) {
        return (record, path, violations) -> {
            if (!record.has(name)) {
                violations.add(new Violation(RecordSchema.join(path, name), reason));
            }
        };
    }

    /**
     * The schema of an operation's request body, or null when the operation's body is free (raw).
     */
    public static RecordSchema forOperation(HightouchOperation operation) {
        return switch (operation) {
            case createSource -> CREATE_SOURCE;
            case createModel -> CREATE_MODEL;
            case createDestination -> CREATE_DESTINATION;
            case createSync -> CREATE_SYNC;
            case updateSource, updateDestination -> UPDATE_CONNECTION;
            case updateModel -> UPDATE_MODEL;
            case updateSync -> UPDATE_SYNC;
            default -> null;
        };
    }

    private static void queryObjectMatchesType(
            com.fasterxml.jackson.databind.node.ObjectNode record, String path, java.util.List<Violation> violations) {
        JsonNode queryType = record.get("queryType");
        if (queryType == null || !queryType.isTextual() || queryType.asText().isBlank()) {
            return; // already reported as a required field
        }
        String objectName = QUERY_OBJECT_BY_TYPE.get(queryType.asText());
        if (objectName == null) {
            violations.add(new Violation(RecordSchema.join(path, "queryType"),
                    "must be one of " + QUERY_OBJECT_BY_TYPE.keySet() + ", got \"" + queryType.asText() + "\""));
        } else if (record.get(objectName) == null || record.get(objectName).isNull()) {
            violations.add(new Violation(RecordSchema.join(path, objectName),
                    "is required when queryType is " + queryType.asText()));
        }
    }

    private static Map<String, String> queryObjects() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("raw_sql", "raw");
        map.put("table", "table");
        map.put("custom", "custom");
        map.put("visual", "visual");
        map.put("dbt", "dbt");
        map.put("dbt_cloud", "dbt_cloud");
        return map;
    }
}
