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
package io.github.camelhightouch.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchBatchException;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchSlugLookupException;
import io.github.camelhightouch.HightouchTransportException;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.testing.HightouchTestSupport;
import io.github.camelhightouch.testing.StandInWorkspace;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * onConflict=update and skip against a small stateful workspace: a 409 is resolved by a lookup by slug (exactly one
 * match) and a PATCH of only the fields the PATCH accepts (the stand-in checks every request against Hightouch's
 * OpenAPI description, so a field the PATCH does not take would fail the test); lookups and PATCHes that fail, answer
 * 0 or 2 matches, or are cut off; a create whose answer was lost; imports run twice.
 */
class OnConflictTest extends HightouchTestSupport {

    private static final String RETRY_FAST = "&retryBaseDelay=1&maxRetryDelay=20";

    private StandInWorkspace workspace() {
        return new StandInWorkspace().install(HIGHTOUCH);
    }

    private static Map<String, Object> destination(String slug) {
        Map<String, Object> record = source(slug);
        record.put("name", "Destination " + slug);
        record.put("type", "braze");
        return record;
    }

    private static Map<String, Object> sync(String slug) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("slug", slug);
        record.put("configuration", Map.of("mode", "upsert"));
        record.put("destinationId", 5);
        record.put("modelId", 9);
        record.put("schedule", null);
        record.put("disabled", false);
        return record;
    }

    private List<LoggedRequest> requests(String method) {
        return HIGHTOUCH.requests().stream().filter(r -> r.getMethod().getName().equals(method)).toList();
    }

    static Stream<Arguments> kinds() {
        Map<String, Object> model = model("users");
        model.put("dbt_cloud", Map.of("modelId", 4));
        model.put("queryType", "dbt_cloud");
        return Stream.of(
                Arguments.of("createSource", "sources", source("pg"), List.of("name", "configuration")),
                Arguments.of("createDestination", "destinations", destination("braze"), List.of("name", "configuration")),
                Arguments.of("createModel", "models", model,
                        List.of("name", "isSchema", "primaryKey", "raw")),
                Arguments.of("createSync", "syncs", sync("nightly"), List.of("configuration", "schedule", "disabled")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aConflictPatchesOnlyTheFieldsThePatchAccepts(String operation, String kind, Map<String, Object> record,
                                                      List<String> patched) {
        StandInWorkspace workspace = workspace();
        String field = kind.equals("models") ? "raw" : "configuration";
        Map<String, Object> existing = new LinkedHashMap<>(record);
        existing.put(field, Map.of("sql", "select 'old'"));
        long id = workspace.add(kind, existing);
        Map<String, Object> changed = new LinkedHashMap<>(record);
        changed.put(field, Map.of("sql", "select 'new'"));

        Exchange exchange = send("hightouch:" + operation + "?onConflict=update", changed);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME)).isEqualTo("updated");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo((int) id);
        assertThat(((Map<?, ?>) exchange.getMessage().getBody()).get(field)).isEqualTo(Map.of("sql", "select 'new'"));
        assertThat(workspace.all(kind).get(0).path(field).path("sql").asText()).isEqualTo("select 'new'");
        List<LoggedRequest> patches = requests("PATCH");
        assertThat(patches).hasSize(1);
        assertThat(patches.get(0).getUrl()).isEqualTo("/api/v1/" + kind + "/" + id);
        List<String> sent = new ArrayList<>();
        bodyOf(patches.get(0)).fieldNames().forEachRemaining(sent::add);
        assertThat(sent).as("only what the PATCH accepts; slug, type, ids and queryType are not sent")
                .containsExactlyInAnyOrderElementsOf(patched);
        assertThat(HIGHTOUCH.requests()).extracting(r -> r.getMethod().getName() + " " + r.getUrl())
                .containsExactly("POST /api/v1/" + kind, "GET /api/v1/" + kind + "?slug=" + record.get("slug"),
                        "PATCH /api/v1/" + kind + "/" + id);
        assertThat(workspace.all(kind)).hasSize(1);
    }

    @Test
    void aNewSlugIsCreated() {
        workspace();

        Exchange exchange = send("hightouch:createSource?onConflict=update", source("pg"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME)).isEqualTo("created");
        assertThat(HIGHTOUCH.requests()).hasSize(1);
    }

    @Test
    void skipLeavesTheExistingResourceAsItIs() {
        StandInWorkspace workspace = workspace();
        Map<String, Object> existing = source("pg");
        existing.put("name", "kept");
        long id = workspace.add("sources", existing);

        Exchange exchange = send("hightouch:createSource?onConflict=skip", source("pg"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME)).isEqualTo("skipped");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo((int) id);
        assertThat(((Map<?, ?>) exchange.getMessage().getBody()).get("name")).isEqualTo("kept");
        assertThat(requests("PATCH")).isEmpty();
    }

    @ParameterizedTest(name = "onConflict={0}")
    @ValueSource(strings = { "update", "skip" })
    void aConflictWithNoResourceOfThatSlugFailsClearlyAndChangesNothing(String mode) {
        StandInWorkspace workspace = workspace();
        workspace.answerNext("POST", "sources", responseDefinition().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Validation failed\"}").build(), false);
        workspace.add("sources", source("other"));
        Map<String, Object> record = source("pg");

        Exchange exchange = send("hightouch:createSource?onConflict=" + mode, record);

        assertThat(exchange.getException()).isInstanceOf(HightouchSlugLookupException.class)
                .hasMessageContaining("answered 409").hasMessageContaining("found no source with the slug \"pg\"")
                .hasCauseInstanceOf(HightouchApiException.class);
        assertThat(((HightouchSlugLookupException) exchange.getException()).isNotFound()).isTrue();
        assertThat(exchange.getMessage().getBody()).as("the record stays for the error handler").isEqualTo(record);
        assertThat(requests("PATCH")).isEmpty();
    }

    @ParameterizedTest(name = "onConflict={0}")
    @ValueSource(strings = { "update", "skip" })
    void twoResourcesWithTheSlugAreNeverGuessedBetween(String mode) {
        StandInWorkspace workspace = workspace();
        workspace.add("sources", source("pg"));
        workspace.add("sources", source("pg"));

        Exchange exchange = send("hightouch:createSource?onConflict=" + mode, source("pg"));

        assertThat(exchange.getException()).isInstanceOf(HightouchSlugLookupException.class)
                .hasMessageContaining("found 2 sources with the slug \"pg\"");
        assertThat(((HightouchSlugLookupException) exchange.getException()).getMatches()).isEqualTo(2);
        assertThat(requests("PATCH")).isEmpty();
    }

    @Test
    void aLookupAnswerThatSaysMoreFollowIsNotTrusted() {
        StandInWorkspace workspace = workspace();
        workspace.add("sources", source("pg"));
        workspace.answerNext("GET", "sources", json(200, "{\"data\":[{\"id\":7,\"slug\":\"pg\"}],\"hasMore\":true}"),
                false);

        Exchange exchange = send("hightouch:createSource?onConflict=update", source("pg"));

        assertThat(exchange.getException()).isInstanceOf(HightouchSlugLookupException.class)
                .hasMessageContaining("more sources follow");
        assertThat(requests("PATCH")).isEmpty();
    }

    @Test
    void anItemOfAnotherSlugInTheLookupAnswerIsNotPatched() {
        StandInWorkspace workspace = workspace();
        workspace.add("sources", source("pg"));
        // a filter that matched loosely: only the exact slug counts
        workspace.answerNext("GET", "sources",
                json(200, "{\"data\":[{\"id\":7,\"slug\":\"pg-old\"},{\"id\":8,\"slug\":\"PG\"}]}"), false);

        Exchange exchange = send("hightouch:createSource?onConflict=update", source("pg"));

        assertThat(exchange.getException()).isInstanceOf(HightouchSlugLookupException.class);
        assertThat(requests("PATCH")).isEmpty();
    }

    @Test
    void aLookupAnswerWithAHostileIdIsNotUsedAsAPath() {
        StandInWorkspace workspace = workspace();
        workspace.add("sources", source("pg"));
        workspace.answerNext("GET", "sources", json(200, "{\"data\":[{\"id\":\"../../admin\",\"slug\":\"pg\"}]}"), false);

        Exchange exchange = send("hightouch:createSource?onConflict=update", source("pg"));

        assertThat(exchange.getException()).hasMessageContaining("without a usable id");
        assertThat(requests("PATCH")).isEmpty();
    }

    static Stream<Arguments> transientFailures() {
        return Stream.of(Arguments.of("500", responseDefinition().withStatus(500).withBody("\"Internal Server Error\"").build()),
                Arguments.of("502", responseDefinition().withStatus(502).build()),
                Arguments.of("429", responseDefinition().withStatus(429).build()),
                Arguments.of("reset", responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build()));
    }

    @ParameterizedTest(name = "lookup answers {0} once")
    @MethodSource("transientFailures")
    void aLookupThatFailsOnceIsRepeated(String what, com.github.tomakehurst.wiremock.http.ResponseDefinition failure) {
        StandInWorkspace workspace = workspace();
        workspace.add("sources", source("pg"));
        workspace.answerNext("GET", "sources", failure, false);

        Exchange exchange = send("hightouch:createSource?onConflict=update" + RETRY_FAST, source("pg"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME)).isEqualTo("updated");
        assertThat(requests("GET")).hasSize(2);
    }

    @ParameterizedTest(name = "PATCH answers {0} once")
    @MethodSource("transientFailures")
    void aPatchThatFailsOnceIsRepeated(String what, com.github.tomakehurst.wiremock.http.ResponseDefinition failure) {
        StandInWorkspace workspace = workspace();
        workspace.add("sources", source("pg"));
        workspace.answerNext("PATCH", "sources", failure, false);

        Exchange exchange = send("hightouch:createSource?onConflict=update" + RETRY_FAST, source("pg"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME)).isEqualTo("updated");
        assertThat(requests("PATCH")).hasSize(2);
    }

    @Test
    void aLookupThatKeepsFailingFailsTheExchangeWithoutAPatch() {
        StandInWorkspace workspace = workspace();
        workspace.add("sources", source("pg"));
        for (int i = 0; i < 3; i++) {
            workspace.answerNext("GET", "sources", responseDefinition().withStatus(500).build(), false);
        }
        Map<String, Object> record = source("pg");

        Exchange exchange = send("hightouch:createSource?onConflict=update&maxRetries=2" + RETRY_FAST, record);

        assertThat(exchange.getException()).isInstanceOf(HightouchApiException.class);
        assertThat(((HightouchApiException) exchange.getException()).getStatusCode()).isEqualTo(500);
        assertThat(exchange.getMessage().getBody()).isEqualTo(record);
        assertThat(requests("PATCH")).isEmpty();
    }

    @Test
    void aPatchThatHightouchRefusesFailsWithItsAnswer() {
        StandInWorkspace workspace = workspace();
        workspace.add("sources", source("pg"));
        workspace.answerNext("PATCH", "sources", json(422, "{\"message\":\"Validation failed\",\"details\":"
                                                          + "{\"configuration\":\"bad host\"}}"), false);

        Exchange exchange = send("hightouch:createSource?onConflict=update", source("pg"));

        assertThat(exchange.getException()).isInstanceOf(HightouchApiException.class).hasMessageContaining("bad host");
        assertThat(((HightouchApiException) exchange.getException()).getOperation()).isEqualTo("updateSource");
        assertThat(requests("PATCH")).hasSize(1);
    }

    @Test
    void aCreateWhoseAnswerWasLostIsRepeatedAndConverges() {
        StandInWorkspace workspace = workspace();
        // the create takes effect, then the connection is reset: the outcome is unknown to the component
        workspace.answerNext("POST", "sources", responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build(),
                true);

        Exchange exchange = send("hightouch:createSource?onConflict=update" + RETRY_FAST, source("pg"));

        assertThat(exchange.getException()).isNull();
        assertThat(workspace.all("sources")).as("one source, not two").hasSize(1);
        assertThat(requests("POST")).hasSize(2);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME))
                .as("the repeated create met the first one").isEqualTo("updated");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.ATTEMPTS)).isEqualTo(4);
    }

    @Test
    void withoutOnConflictALostAnswerIsNeverRepeated() {
        StandInWorkspace workspace = workspace();
        workspace.answerNext("POST", "sources", responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build(),
                true);

        Exchange exchange = send("hightouch:createSource?" + RETRY_FAST.substring(1), source("pg"));

        assertThat(exchange.getException()).isInstanceOf(HightouchTransportException.class);
        assertThat(((HightouchTransportException) exchange.getException()).isOutcomeUnknown()).isTrue();
        assertThat(requests("POST")).hasSize(1);
    }

    @Test
    void aServerErrorOnTheCreateIsRepeatedWhenItConverges() {
        StandInWorkspace workspace = workspace();
        workspace.answerNext("POST", "syncs", responseDefinition().withStatus(502).build(), false);

        Exchange exchange = send("hightouch:createSync?onConflict=skip" + RETRY_FAST, sync("nightly"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME)).isEqualTo("created");
        assertThat(workspace.all("syncs")).hasSize(1);
    }

    @ParameterizedTest(name = "validate={0}")
    @ValueSource(booleans = { true, false })
    void aRecordWithoutASlugIsRefusedNamingSlug(boolean validate) {
        workspace();
        Map<String, Object> record = source("pg");
        record.remove("slug");

        Exchange exchange = send("hightouch:createSource?onConflict=update&validate=" + validate, record);

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(((HightouchValidationException) exchange.getException()).getViolations()).extracting(Violation::field)
                .containsExactly("slug");
        assertThat(exchange.getMessage().getBody()).isEqualTo(record);
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void aSlugThatIsNotTextIsRefusedWithoutValidation() {
        workspace();
        Map<String, Object> record = source("pg");
        record.put("slug", 42);

        Exchange exchange = send("hightouch:createSource?onConflict=skip&validate=false", record);

        assertThat(((HightouchValidationException) exchange.getException()).getViolations()).extracting(Violation::field)
                .containsExactly("slug");
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void aRecordWithNothingToPatchIsRefusedBeforeSending() {
        workspace();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("slug", "pg");
        record.put("type", "postgres");

        Exchange exchange = send("hightouch:createSource?onConflict=update&validate=false", record);

        assertThat(((HightouchValidationException) exchange.getException()).getViolations()).extracting(Violation::field)
                .containsExactly("body");
        assertThat(exchange.getException()).hasMessageContaining("name, configuration");
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void aListReportsTheOutcomeOfEachElement() {
        StandInWorkspace workspace = workspace();
        long existing = workspace.add("sources", source("b"));

        Exchange exchange = send("hightouch:createSource?onConflict=update", List.of(source("a"), source("b"),
                source("c")));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME))
                .isEqualTo(List.of("created", "updated", "created"));
        List<?> ids = exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID, List.class);
        assertThat(ids).hasSize(3).element(1).isEqualTo((int) existing);
        assertThat(exchange.getMessage().getBody(List.class)).hasSize(3);
    }

    @Test
    void aListThatStopsReportsTheOutcomesOfTheElementsDone() {
        StandInWorkspace workspace = workspace();
        workspace.add("sources", source("b"));
        workspace.add("sources", source("c"));
        workspace.add("sources", source("c"));
        List<Object> records = List.of(source("a"), source("b"), source("c"), source("d"));

        Exchange exchange = send("hightouch:createSource?onConflict=update", records);

        assertThat(exchange.getException()).isInstanceOf(HightouchBatchException.class);
        HightouchBatchException e = (HightouchBatchException) exchange.getException();
        assertThat(e.getFailedIndex()).isEqualTo(2);
        assertThat(e.getCause()).isInstanceOf(HightouchSlugLookupException.class);
        assertThat(e.isOutcomeUnknown()).isFalse();
        assertThat(e.getNotSent()).hasSize(1);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME))
                .isEqualTo(List.of("created", "updated"));
        assertThat(exchange.getMessage().getBody()).isEqualTo(records);
        assertThat(requests("POST")).hasSize(3);
    }

    @Test
    void aListWithOneElementWithoutASlugSendsNothing() {
        workspace();
        Map<String, Object> noSlug = source("x");
        noSlug.remove("slug");

        Exchange exchange = send("hightouch:createSource?onConflict=skip&validate=false", List.of(source("a"), noSlug));

        assertThat(((HightouchValidationException) exchange.getException()).getViolations()).extracting(Violation::field)
                .containsExactly("[1].slug");
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void anImportRunTwiceConvergesWithUpdatedForEach() {
        StandInWorkspace workspace = workspace();
        List<Object> sources = List.of(source("pg"), source("warehouse"));
        List<Object> models = List.of(model("users"), model("orders"));
        List<Object> destinations = List.of(destination("braze"), destination("sfmc"));
        List<Object> syncs = List.of(sync("users-to-braze"), sync("orders-to-sfmc"));

        for (String expected : List.of("created", "updated")) {
            for (Object[] step : new Object[][] { { "createSource", sources }, { "createModel", models },
                                                  { "createDestination", destinations }, { "createSync", syncs } }) {
                Exchange exchange = send("hightouch:" + step[0] + "?onConflict=update", step[1]);
                assertThat(exchange.getException()).as("%s, %s run", step[0], expected).isNull();
                assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME))
                        .as("%s, %s run", step[0], expected).isEqualTo(List.of(expected, expected));
            }
        }
        for (String kind : StandInWorkspace.KINDS) {
            assertThat(workspace.all(kind)).as(kind).hasSize(2);
        }
        assertThat(requests("PATCH")).hasSize(8);
    }

    @Test
    void throwExceptionOnFailureFalseStillResolvesAConflict() {
        StandInWorkspace workspace = workspace();
        workspace.add("sources", source("pg"));

        Exchange exchange = send("hightouch:createSource?onConflict=update&throwExceptionOnFailure=false", source("pg"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME)).isEqualTo("updated");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(200);
    }

    @Test
    void throwExceptionOnFailureFalseGivesAFailedPatchAsTheBodyWithoutAnOutcome() {
        StandInWorkspace workspace = workspace();
        workspace.add("sources", source("pg"));
        workspace.answerNext("PATCH", "sources", json(422, "{\"message\":\"Validation failed\"}"), false);

        Exchange exchange = send("hightouch:createSource?onConflict=update&throwExceptionOnFailure=false", source("pg"),
                Map.of(HightouchConstants.RESOURCE_OUTCOME, "stale"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(422);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "getSource?sourceId=1&onConflict=update", "updateSource?sourceId=1&onConflict=skip",
                             "raw?url=/sources&onConflict=update", "listSources?onConflict=update",
                             // creates whose resources no list finds by slug cannot converge
                             "createEventContract?onConflict=update", "createEventDomain?onConflict=skip",
                             "createFlowMessage?flowId=f&onConflict=update" })
    void onConflictIsOnlyForCreates(String uri) {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:" + uri))
                .hasStackTraceContaining("onConflict: is only for createSource");
    }

    @Test
    void onConflictFailIsTheDefaultAndFailsOnA409() {
        StandInWorkspace workspace = workspace();
        workspace.add("sources", source("pg"));

        Exchange exchange = send("hightouch:createSource", source("pg"));

        assertThat(exchange.getException()).isInstanceOf(HightouchApiException.class);
        assertThat(((HightouchApiException) exchange.getException()).getStatusCode()).isEqualTo(409);
        assertThat(HIGHTOUCH.requests()).hasSize(1);
    }

    private static com.github.tomakehurst.wiremock.http.ResponseDefinition json(int status, String body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)
                .build();
    }

}
