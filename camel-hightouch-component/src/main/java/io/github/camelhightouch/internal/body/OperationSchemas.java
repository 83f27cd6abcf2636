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
            .optionalNullable("schedule", SCHEDULE)
            .required("disabled", Kind.BOOLEAN)
            .closed()
            .rule(present("schedule", "is required (null for a sync that runs only when triggered)"))
            .build();

    /** {@code PATCH /syncs/{id}}: configuration, schedule and disabled, at least one. */
    public static final RecordSchema UPDATE_SYNC = RecordSchema.builder()
            .optional("configuration", Kind.OBJECT)
            .optionalNullable("schedule", SCHEDULE)
            .optional("disabled", Kind.BOOLEAN)
            .closed()
            .rule(atLeastOne("configuration", "schedule", "disabled"))
            .build();

    /** The event types an event contract or domain declares schemas for. */
    private static final String[] EVENT_TYPES = { "track", "identify", "page", "screen", "group" };
    private static final String[] ALLOW_OR_BLOCK = { "ALLOW_EVENT", "BLOCK_EVENT" };

    /** One event schema of a contract or domain: its JSON schema and type, and what to do with the undeclared. */
    private static final RecordSchema EVENT_SCHEMA = RecordSchema.builder()
            .required("schema", Kind.OBJECT)
            .requiredOneOf("type", EVENT_TYPES)
            .optionalOneOf("onUndeclaredFields", "ALLOW_EVENT", "BLOCK_EVENT", "OMIT_FIELDS")
            .optionalOneOf("onSchemaViolation", ALLOW_OR_BLOCK)
            .optional("version", Kind.STRING)
            .optional("slug", Kind.STRING)
            .optional("name", Kind.STRING)
            .build();

    /** {@code POST /events/contracts}: a name, and optionally slug, onUndeclaredSchema and the event schemas. */
    public static final RecordSchema CREATE_EVENT_CONTRACT = RecordSchema.builder()
            .required("name", Kind.NON_EMPTY_STRING)
            .optional("slug", Kind.NON_EMPTY_STRING)
            .optionalOneOf("onUndeclaredSchema", ALLOW_OR_BLOCK)
            .optionalArray("events", EVENT_SCHEMA)
            .closed()
            .build();

    /** {@code PATCH /events/contracts/{contractId}}: the same fields, at least one. */
    public static final RecordSchema UPDATE_EVENT_CONTRACT = RecordSchema.builder()
            .optional("name", Kind.NON_EMPTY_STRING)
            .optional("slug", Kind.NON_EMPTY_STRING)
            .optionalOneOf("onUndeclaredSchema", ALLOW_OR_BLOCK)
            .optionalArray("events", EVENT_SCHEMA)
            .closed()
            .rule(atLeastOne("name", "slug", "onUndeclaredSchema", "events"))
            .build();

    /** A shared schema component of an event domain. */
    private static final RecordSchema DOMAIN_COMPONENT = RecordSchema.builder()
            .optional("id", Kind.STRING)
            .optional("slug", Kind.STRING)
            .required("name", Kind.NON_EMPTY_STRING)
            .optional("version", Kind.STRING)
            .required("schema", Kind.OBJECT)
            .optionalArray("imports", Kind.STRING)
            .closed()
            .build();

    /** {@code POST /events/domains}: the fields of a contract, and the shared components. */
    public static final RecordSchema CREATE_EVENT_DOMAIN = RecordSchema.builder()
            .required("name", Kind.NON_EMPTY_STRING)
            .optional("slug", Kind.NON_EMPTY_STRING)
            .optionalOneOf("onUndeclaredSchema", ALLOW_OR_BLOCK)
            .optionalArray("events", EVENT_SCHEMA)
            .optionalArray("components", DOMAIN_COMPONENT)
            .closed()
            .build();

    /** {@code PATCH /events/domains/{domainId}}: the same fields, at least one. */
    public static final RecordSchema UPDATE_EVENT_DOMAIN = RecordSchema.builder()
            .optional("name", Kind.NON_EMPTY_STRING)
            .optional("slug", Kind.NON_EMPTY_STRING)
            .optionalOneOf("onUndeclaredSchema", ALLOW_OR_BLOCK)
            .optionalArray("events", EVENT_SCHEMA)
            .optionalArray("components", DOMAIN_COMPONENT)
            .closed()
            .rule(atLeastOne("name", "slug", "onUndeclaredSchema", "events", "components"))
            .build();

    /** How often a decision engine message may be sent. */
    private static final RecordSchema GUARDRAILS = RecordSchema.builder()
            .optional("maxSendsPerUser", Kind.NUMBER)
            .optional("maxSendsPerUserWindowDays", Kind.NUMBER)
            .optional("minOtherMessagesInBetween", Kind.NUMBER)
            .optional("firstEligibleSendDate", Kind.STRING)
            .optional("lastEligibleSendDate", Kind.STRING)
            .closed()
            .build();

    private static final RecordSchema VARIANT = RecordSchema.builder()
            .required("value", Kind.STRING)
            .optional("tags", Kind.STRING_MAP)
            .optional("firstEligibleSendDate", Kind.STRING)
            .optional("lastEligibleSendDate", Kind.STRING)
            .optional("userAudienceFilter", Kind.ANY)
            .optional("localeValues", Kind.STRING_MAP)
            .closed()
            .build();

    private static final RecordSchema VARIABLE_CONFIG = RecordSchema.builder()
            .optional("localizationEnabled", Kind.BOOLEAN)
            .optional("maxSendsPerUserWindowDays", Kind.NUMBER)
            .optional("maxSendsPerUser", Kind.NUMBER)
            .build();

    /** A variable of a message and its variants. */
    private static final RecordSchema VARIABLE = RecordSchema.builder()
            .required("name", Kind.NON_EMPTY_STRING)
            .optional("config", VARIABLE_CONFIG)
            .requiredArray("variants", VARIANT, 0, Integer.MAX_VALUE)
            .closed()
            .build();

    /** {@code POST /decision-engine/flow/{flowId}/messages}: name, channelId and config, and the optional parts. */
    public static final RecordSchema CREATE_FLOW_MESSAGE = RecordSchema.builder()
            .required("name", Kind.NON_EMPTY_STRING)
            .required("channelId", Kind.NON_EMPTY_STRING)
            .required("config", Kind.OBJECT)
            .optional("tags", Kind.OBJECT)
            .optional("guardrails", GUARDRAILS)
            .optionalArray("variables", VARIABLE)
            .closed()
            .build();

    /** {@code PATCH /decision-engine/flow/{flowId}/messages/{messageId}}: the fields but channelId, at least one. */
    public static final RecordSchema UPDATE_FLOW_MESSAGE = RecordSchema.builder()
            .optional("name", Kind.NON_EMPTY_STRING)
            .optional("config", Kind.OBJECT)
            .optional("tags", Kind.OBJECT)
            .optional("guardrails", GUARDRAILS)
            .optionalArray("variables", VARIABLE)
            .closed()
            .rule(atLeastOne("name", "config", "tags", "guardrails", "variables"))
            .build();

    /** A campaign recipient: a delivery address (handle) or a profile id, not both, and its template properties. */
    private static final RecordSchema RECIPIENT = RecordSchema.builder()
            .optional("handle", Kind.NON_EMPTY_STRING)
            .optional("id", Kind.NON_EMPTY_STRING)
            .optional("properties", Kind.OBJECT)
            .closed()
            .rule((record, path, violations) -> {
                if (record.has("handle") && record.has("id")) {
                    violations.add(new Violation(path, "must have a handle or an id, not both"));
                }
            })
            .build();

    /** {@code POST /campaigns/{campaignId}/trigger}: 1 to 100 recipients, shared properties, draft. */
    public static final RecordSchema TRIGGER_CAMPAIGN = RecordSchema.builder()
            .requiredArray("recipients", RECIPIENT, 1, 100)
            .optional("properties", Kind.OBJECT)
            .optional("draft", Kind.BOOLEAN)
            .closed()
            .build();

    private static final RecordSchema IDENTIFIER = RecordSchema.builder()
            .required("identifier", Kind.NON_EMPTY_STRING)
            .required("value", Kind.STRING)
            .build();

    /** {@code POST /idr/{graphId}/queue-for-reprocessing}: at least one identifier value, and block. */
    public static final RecordSchema QUEUE_IDR_REPROCESSING = RecordSchema.builder()
            .requiredArray("identifiers", IDENTIFIER, 1, Integer.MAX_VALUE)
            .optional("block", Kind.BOOLEAN)
            .closed()
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
            case createEventContract -> CREATE_EVENT_CONTRACT;
            case updateEventContract -> UPDATE_EVENT_CONTRACT;
            case createEventDomain -> CREATE_EVENT_DOMAIN;
            case updateEventDomain -> UPDATE_EVENT_DOMAIN;
            case createFlowMessage -> CREATE_FLOW_MESSAGE;
            case updateFlowMessage -> UPDATE_FLOW_MESSAGE;
            case triggerCampaign -> TRIGGER_CAMPAIGN;
            case queueIdrReprocessing -> QUEUE_IDR_REPROCESSING;
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
