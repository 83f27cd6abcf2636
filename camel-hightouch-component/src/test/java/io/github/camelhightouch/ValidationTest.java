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
package io.github.camelhightouch;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Invalid records are refused before any request: one exception lists every problem (field and reason), and the
 * record stays on the exchange as it was.
 */
class ValidationTest extends HightouchTestSupport {

    @AfterEach
    void noRequestWasMade() {
        assertThat(HIGHTOUCH.requests()).as("requests received by the stand-in").isEmpty();
    }

    /**
     * Sends the body and returns the validation exception, after checking that the body on the exchange is the very
     * object sent, unchanged.
     */
    private HightouchValidationException refused(String uri, Object body) {
        String before = body == null ? null : describe(body);
        Exchange exchange = send(uri, body);
        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(exchange.getMessage().getBody()).isSameAs(body);
        if (body != null) {
            assertThat(describe(exchange.getMessage().getBody())).isEqualTo(before);
        }
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isNull();
        HightouchValidationException e = (HightouchValidationException) exchange.getException();
        assertThat(e.getMessage()).contains("no request was sent");
        for (Violation violation : e.getViolations()) {
            assertThat(e.getMessage()).contains(violation.field() + ": " + violation.reason());
        }
        return e;
    }

    private static String describe(Object body) {
        return body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : body.toString();
    }

    @Test
    void createSourceListsEveryProblemOfARecord() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("slug", "");
        record.put("type", 42);
        record.put("configuration", "host=db");
        record.put("schedule", "daily");

        HightouchValidationException e = refused("hightouch:createSource", record);

        assertThat(e.getOperation()).isEqualTo("createSource");
        assertThat(e.getViolations()).extracting(Violation::field, Violation::reason).containsExactlyInAnyOrder(
                tuple("name", "is required"),
                tuple("slug", "must be a non-empty string, got the string \"\""),
                tuple("type", "must be a non-empty string, got number 42"),
                tuple("configuration", "must be a JSON object, got the string \"host=db\""),
                tuple("schedule", "is not allowed (allowed fields: name, slug, type, configuration)"));
        assertThat(e.getMessage()).startsWith("Invalid input for hightouch:createSource (5 problems");
    }

    @Test
    void createSourceRefusesMissingFieldsAndNull() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", "pg");
        record.put("configuration", null);

        HightouchValidationException e = refused("hightouch:createSource", record);

        assertThat(e.getViolations()).extracting(Violation::field, Violation::reason).containsExactlyInAnyOrder(
                tuple("slug", "is required"),
                tuple("type", "is required"),
                tuple("configuration", "must not be null"));
    }

    static Stream<Arguments> queryTypes() {
        return Stream.of(
                Arguments.of("raw_sql", "raw"), Arguments.of("table", "table"), Arguments.of("custom", "custom"),
                Arguments.of("visual", "visual"), Arguments.of("dbt", "dbt"), Arguments.of("dbt_cloud", "dbt_cloud"));
    }

    @ParameterizedTest(name = "queryType {0} without {1}")
    @MethodSource("queryTypes")
    void createModelRequiresTheQueryObjectOfItsQueryType(String queryType, String queryObject) {
        Map<String, Object> record = model("m");
        record.remove("raw");
        record.put("queryType", queryType);

        HightouchValidationException e = refused("hightouch:createModel", record);

        assertThat(e.getViolations()).extracting(Violation::field, Violation::reason)
                .containsExactly(tuple(queryObject, "is required when queryType is " + queryType));
    }

    @Test
    void createModelChecksTheInsideOfQueryObjects() {
        Map<String, Object> record = model("m");
        record.put("queryType", "visual");
        record.remove("raw");
        record.put("visual", Map.of("filter", Map.of(), "parentId", "seven"));
        record.put("dbt", Map.of());

        HightouchValidationException e = refused("hightouch:createModel", record);

        assertThat(e.getViolations()).extracting(Violation::field, Violation::reason).containsExactlyInAnyOrder(
                tuple("visual.parentId", "must be a number, got the string \"seven\""),
                tuple("dbt.modelId", "is required"));
    }

    @Test
    void createModelRefusesABadQueryTypeAndUnconvertibleStrings() {
        Map<String, Object> record = model("m");
        record.put("queryType", "graphql");
        record.put("sourceId", "twelve");
        record.put("isSchema", "yes");
        record.put("primaryKey", 5);
        record.put("owner", "me");

        HightouchValidationException e = refused("hightouch:createModel", record);

        assertThat(e.getViolations()).extracting(Violation::field, Violation::reason).containsExactlyInAnyOrder(
                tuple("queryType", "must be one of [raw_sql, table, custom, visual, dbt, dbt_cloud], got \"graphql\""),
                tuple("sourceId", "must be a number, got the string \"twelve\""),
                tuple("isSchema", "must be a boolean, got the string \"yes\""),
                tuple("primaryKey", "must be a string, got number 5"),
                tuple("owner", "is not allowed (allowed fields: name, slug, queryType, sourceId, isSchema, primaryKey, "
                               + "folderId, raw, table, custom, visual, dbt, dbt_cloud)"));
        // the convertible strings of a refused record are not converted on the message either
        assertThat(record).containsEntry("sourceId", "twelve").containsEntry("isSchema", "yes");
    }

    @Test
    void aRefusedRecordKeepsItsConvertibleStrings() {
        Map<String, Object> record = model("m");
        record.put("sourceId", "12");
        record.put("isSchema", "true");
        record.remove("slug");

        HightouchValidationException e = refused("hightouch:createModel", record);

        assertThat(e.getViolations()).extracting(Violation::field).containsExactly("slug");
        assertThat(record).containsEntry("sourceId", "12").containsEntry("isSchema", "true");
    }

    static Stream<Arguments> unusableBodies() {
        return Stream.of(
                Arguments.of("text", "name=pg, slug=pg", "is not valid JSON"),
                Arguments.of("bytes", "{\"name\": ".getBytes(StandardCharsets.UTF_8), "is not valid JSON"),
                Arguments.of("empty string", "", "is an empty string; JSON is required"),
                Arguments.of("blank string", "   ", "is an empty string; JSON is required"),
                Arguments.of("empty bytes", new byte[0], "is empty; JSON is required"),
                Arguments.of("JSON array text", "[{\"name\":\"pg\"}]", "must be a JSON object, got an array"),
                Arguments.of("JSON string text", "\"pg\"", "must be a JSON object, got the string \"pg\""),
                Arguments.of("JSON number text", "42", "must be a JSON object, got number 42"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableBodies")
    void refusesBodiesThatAreNotAJsonObject(String kind, Object body, String reason) {
        for (String uri : List.of("hightouch:createSource", "hightouch:createModel", "hightouch:createSource?validate=false")) {
            HightouchValidationException e = refused(uri, body);
            assertThat(e.getViolations()).as(kind + " on " + uri).hasSize(1);
            assertThat(e.getViolations().get(0).field()).isEqualTo("body");
            assertThat(e.getViolations().get(0).reason()).startsWith(reason);
        }
    }

    @Test
    void refusesANullBody() {
        HightouchValidationException e = refused("hightouch:createSource", null);

        assertThat(e.getViolations()).extracting(Violation::field, Violation::reason).containsExactly(
                tuple("body", "is null; a JSON object (Map, POJO, JsonNode or JSON text) is required"));
    }

    @Test
    void aListBodyIsRefusedWholeWhenOneElementIsInvalid() {
        Map<String, Object> bad = source("b");
        bad.remove("type");
        List<Object> records = List.of(source("a"), bad, "not json", source("d"));

        HightouchValidationException e = refused("hightouch:createSource", records);

        assertThat(e.getViolations()).extracting(Violation::field).containsExactly("[1].type", "[2]");
        assertThat(e.getViolations().get(1).reason()).startsWith("is not valid JSON");
    }

    @Test
    void rawRefusesTextThatIsNotJson() {
        HightouchValidationException e = refused("hightouch:raw?url=/syncs/trigger", "syncId=42");

        assertThat(e.getOperation()).isEqualTo("raw");
        assertThat(e.getViolations()).extracting(Violation::field).containsExactly("body");
        assertThat(e.getViolations().get(0).reason()).startsWith("is not valid JSON");
    }
}
