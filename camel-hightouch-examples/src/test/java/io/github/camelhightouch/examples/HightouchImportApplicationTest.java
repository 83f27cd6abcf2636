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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelhightouch.examples.ExampleSettings.Dsl;
import io.github.camelhightouch.examples.ImportSummary.Imported;
import io.github.camelhightouch.examples.ImportSummary.Failed;
import io.github.camelhightouch.examples.SyncRunSummary.Outcome;
import io.github.camelhightouch.examples.SyncRunSummary.Result;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the example application as a user would, with no network: against the stand-in it starts itself when no API
 * key is set, and against a stand-in of the test's own given as HIGHTOUCH_API_KEY / HIGHTOUCH_BASE_URL.
 */
@Timeout(120)
class HightouchImportApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The logger of the component's progress lines. */
    private static final String PROGRESS_LOGGER = "io.github.camelhightouch.progress";
    private static final String INVALID_SLUG = "churn-scores";
    private static final String INVALID_REASON
            = "Invalid input for hightouch:createModel (1 problem, no request was sent): primaryKey: is required";

    @ParameterizedTest
    @EnumSource(Dsl.class)
    void importsTheShippedRecordsAgainstTheLocalStandIn(Dsl dsl) throws Exception {
        Path output = Path.of("target/example-test/" + dsl.name().toLowerCase());
        ExampleSettings settings = ExampleSettings.from(
                new String[] { "--dsl=" + dsl.name().toLowerCase(), "--output=" + output }, Map.of(), new Properties());
        List<JsonNode> records = shippedRecords();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ImportSummary summary;
        List<String> progress;
        try (CapturedLog log = CapturedLog.of(PROGRESS_LOGGER)) {
            summary = HightouchImportApplication.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));
            progress = log.lines();
        }

        assertThat(summary.isComplete()).isTrue();
        assertThat(summary.recordsRead()).isEqualTo(2 * records.size());
        List<String> validSlugs = records.stream().map(r -> r.get("slug").asText())
                .filter(slug -> !slug.equals(INVALID_SLUG)).toList();
        // pass 1 creates every valid record, pass 2 meets each slug again and updates that resource
        assertThat(summary.imported(1, ImportSummary.CREATED)).extracting(Imported::slug).containsExactlyElementsOf(validSlugs);
        assertThat(summary.imported(1, ImportSummary.UPDATED)).isEmpty();
        assertThat(summary.imported(2, ImportSummary.CREATED)).isEmpty();
        assertThat(summary.imported(2, ImportSummary.UPDATED)).extracting(Imported::slug).containsExactlyElementsOf(validSlugs);
        assertThat(summary.created()).extracting(Imported::id).doesNotContainNull().doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isInstanceOf(Number.class));
        assertThat(summary.imported(2, ImportSummary.UPDATED)).extracting(Imported::id)
                .containsExactlyElementsOf(summary.created().stream().map(Imported::id).toList());
        int invalidLine = lineOf(records, INVALID_SLUG);
        assertThat(summary.failed()).containsExactly(new Failed(1, invalidLine, "model", INVALID_REASON),
                new Failed(2, invalidLine, "model", INVALID_REASON));

        List<String> deadLetters = Files.readAllLines(output.resolve(HightouchImportApplication.DEAD_LETTER_FILE));
        assertThat(deadLetters).hasSize(2);
        JsonNode deadLetter = JSON.readTree(deadLetters.get(0));
        assertThat(deadLetter.get("line").asInt()).isEqualTo(invalidLine);
        assertThat(deadLetter.get("reason").asText()).isEqualTo(INVALID_REASON);
        assertThat(deadLetter.get("record")).isEqualTo(records.get(invalidLine - 1));

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out).containsPattern("HIGHTOUCH_API_KEY is not set: started a local Hightouch stand-in at "
                                        + "http://127\\.0\\.0\\.1:\\d+/api/v1 \\(Events API at http://127\\.0\\.0\\.1:\\d+\\)")
                .contains("2 time(s) with the " + dsl.name() + " DSL route ("
                          + (dsl == Dsl.YAML ? HightouchImportApplication.YAML_ROUTES : "ImportRecordsRoute") + ")")
                .contains("Records read: " + 2 * records.size())
                .contains("Pass 1: " + validSlugs.size() + " created, 0 updated, 1 failed")
                .contains("Pass 2: 0 created, " + validSlugs.size() + " updated, 1 failed")
                .contains("line " + invalidLine + "  model  failed   " + INVALID_REASON);
        for (Imported created : summary.created()) {
            assertThat(out).containsPattern(created.slug() + " +created +id " + created.id())
                    .containsPattern(created.slug() + " +updated +id " + created.id());
        }

        // then the events: every valid event accepted in batches, the three invalid ones dead-lettered with the reason
        List<JsonNode> events = shippedEvents();
        EventsSummary sent = summary.events();
        assertThat(sent.isFinished()).isTrue();
        assertThat(sent.eventsRead()).isEqualTo(events.size());
        assertThat(sent.failed()).extracting(EventsSummary.Failed::line).containsExactly(57, 88, 133);
        assertThat(sent.failed().get(0).reason()).contains("event");
        assertThat(sent.failed().get(1).reason()).contains("userId").contains("anonymousId");
        assertThat(sent.failed().get(2).reason()).contains("properties");
        assertThat(sent.accepted()).hasSize(events.size() - 3);
        assertThat(sent.accepted()).extracting(EventsSummary.Accepted::messageId).doesNotContainNull()
                .doesNotHaveDuplicates();
        // what the stand-in received: every accepted event once, in batches of at most 50
        List<Integer> batches = sent.batchSizes();
        assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(events.size() - 3);
        assertThat(batches).allSatisfy(size -> assertThat(size).isBetween(1, 50));
        assertThat(batches.size()).as("batched, not one request per event").isLessThan(20);
        List<String> eventDeadLetters = Files.readAllLines(output.resolve(HightouchImportApplication.EVENTS_DEAD_LETTER_FILE));
        assertThat(eventDeadLetters).hasSize(3);
        assertThat(out).contains("Then sending the events of classpath:events.jsonl in batches (route send-events from "
                                 + (dsl == Dsl.YAML ? HightouchImportApplication.YAML_EVENTS_ROUTES : "SendEventsRoute") + ")")
                .contains("Events read: " + events.size())
                .contains("Events accepted: " + (events.size() - 3) + " in " + batches.size() + " batches")
                .contains("Events failed: 3")
                .contains("line 57  track");

        // then the sync: triggered once the records are in, waited for, reported
        String routeSource = dsl == Dsl.YAML ? HightouchImportApplication.YAML_ROUTES : "ImportRecordsRoute";
        assertThat(out).contains("Then triggering sync " + LocalHightouch.SYNC_ID + " and waiting for its run, polling every "
                                 + ExampleSettings.STAND_IN_POLL_INTERVAL + " ms (route run-sync from " + routeSource + ")");
        Outcome sync = summary.sync().outcome();
        assertThat(sync.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(sync.syncId()).isEqualTo(LocalHightouch.SYNC_ID);
        assertThat(sync.status()).isEqualTo("success");
        assertThat(sync.run()).containsEntry("status", "success");
        assertThat(String.valueOf(sync.run().get("id"))).isEqualTo(sync.runId());
        assertThat(sync.run().get("finishedAt")).isNotNull();
        long added = rows(sync.run(), "successfulRows", "addedCount");
        assertThat(added).isPositive();
        assertThat(out).contains("Sync " + LocalHightouch.SYNC_ID + ": run " + sync.runId() + " success, " + added
                                 + " rows added, " + rows(sync.run(), "successfulRows", "changedCount") + " changed, "
                                 + rows(sync.run(), "successfulRows", "removedCount") + " removed\n")
                .doesNotContain("Sync failed");
        // the sync line comes after the import's summary
        assertThat(out.indexOf("Sync " + LocalHightouch.SYNC_ID + ": run")).isGreaterThan(out.indexOf("Events failed: 3"));
        // while it waited, the component logged each status of the run once, at INFO, with the time and the counts
        String run = "INFO Hightouch sync run " + sync.runId() + " of sync " + LocalHightouch.SYNC_ID + ": ";
        assertThat(progress).satisfiesExactly(
                line -> assertThat(line).startsWith(run + "queued after "),
                line -> assertThat(line).startsWith(run + "processing after "),
                line -> assertThat(line).startsWith(run + "success after ")
                        .containsPattern("after \\d+ ms, plannedRows \\d+ added \\d+ changed \\d+ removed, successfulRows "
                                         + added + " added"));
    }

    /** The example's console shows the component's INFO progress lines, and only warnings from the rest. */
    @Test
    void theConsoleLogConfigurationShowsTheProgressLines() throws IOException {
        Properties config = new Properties();
        try (InputStream in = HightouchImportApplicationTest.class.getResourceAsStream("/log4j2.properties")) {
            assertThat(in).isNotNull();
            config.load(in);
        }
        String logger = config.stringPropertyNames().stream()
                .filter(key -> key.endsWith(".name") && PROGRESS_LOGGER.equals(config.getProperty(key)))
                .findFirst().orElseThrow(() -> new AssertionError("no logger " + PROGRESS_LOGGER + " in log4j2.properties"));
        assertThat(config.getProperty(logger.replace(".name", ".level"))).isEqualTo("INFO");
        assertThat(config.getProperty("rootLogger.level")).isEqualTo("WARN");
    }

    @ParameterizedTest
    @EnumSource(Dsl.class)
    void aRunThatEndsFailedIsAFailureOfTheSyncInTheSummaryNotOfTheImport(Dsl dsl) throws Exception {
        ExampleSettings settings = ExampleSettings.from(new String[] { "--dsl=" + dsl.name().toLowerCase(),
                "--output=target/example-test/sync-failed-" + dsl.name().toLowerCase(), "--standInRunStatus=failed" },
                Map.of(), new Properties());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ImportSummary summary = HightouchImportApplication.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(summary.isComplete()).as("the import went through: the application exits 0").isTrue();
        assertThat(summary.created()).hasSize(shippedRecords().size() - 1);
        Outcome sync = summary.sync().outcome();
        assertThat(sync.result()).isEqualTo(Result.FAILED);
        assertThat(sync.status()).isEqualTo("failed");
        assertThat(sync.runId()).isNotNull();
        String error = (String) sync.run().get("error");
        assertThat(error).isNotBlank();
        assertThat(sync.reason()).isEqualTo("the run ended failed: " + error);
        long failedRows = rows(sync.run(), "failedRows", "addedCount") + rows(sync.run(), "failedRows", "changedCount")
                          + rows(sync.run(), "failedRows", "removedCount");
        assertThat(failedRows).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Sync " + LocalHightouch.SYNC_ID + ": run " + sync.runId() + " failed, "
                          + rows(sync.run(), "successfulRows", "addedCount") + " rows added")
                .contains(", " + failedRows + " rows failed\n")
                .contains("Sync failed: the run ended failed: " + error + "\n")
                .doesNotContain("The import stopped");
    }

    @ParameterizedTest
    @EnumSource(Dsl.class)
    void aRunThatDoesNotEndInTimeIsAFailureWithTheLastStatusSeen(Dsl dsl) throws Exception {
        ExampleSettings settings = ExampleSettings.from(new String[] { "--dsl=" + dsl.name().toLowerCase(),
                "--output=target/example-test/sync-timeout-" + dsl.name().toLowerCase(),
                "--standInRunStatus=processing", "--syncTimeout=800", "--syncPollInterval=100" },
                Map.of(), new Properties());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ImportSummary summary = HightouchImportApplication.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(summary.isComplete()).isTrue();
        Outcome sync = summary.sync().outcome();
        assertThat(sync.result()).isEqualTo(Result.FAILED);
        assertThat(sync.status()).isEqualTo("processing");
        assertThat(sync.reason()).isEqualTo("the run did not finish within 800 ms; last status seen: processing");
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Sync " + LocalHightouch.SYNC_ID + ": run " + sync.runId() + " processing")
                .contains("Sync failed: the run did not finish within 800 ms; last status seen: processing");
    }

    @Test
    void aSyncTheStandInDoesNotKnowCannotBeTriggeredAndTheSummarySaysWhy() throws Exception {
        ExampleSettings settings = ExampleSettings.from(new String[] { "--output=target/example-test/unknown-sync" },
                Map.of(ExampleSettings.ENV_SYNC_ID, "7"), new Properties());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ImportSummary summary = HightouchImportApplication.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(summary.isComplete()).isTrue();
        Outcome sync = summary.sync().outcome();
        assertThat(sync.result()).isEqualTo(Result.FAILED);
        assertThat(sync.syncId()).isEqualTo("7");
        assertThat(sync.runId()).isNull();
        assertThat(sync.reason()).contains("triggerSync").contains("/syncs/7/trigger").contains("HTTP 404");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Sync 7: not triggered\nSync failed: " + sync.reason());
    }

    @Test
    void withAnApiKeyAndASyncIdItTriggersThatSyncOnceAndReportsTheRunHightouchRan() throws Exception {
        try (LocalHightouch hightouch = LocalHightouch.start()) {
            ExampleSettings settings = ExampleSettings.from(
                    new String[] { "--output=target/example-test/api-key-sync", "--syncPollInterval=100" },
                    Map.of(ExampleSettings.ENV_API_KEY, hightouch.apiKey(), ExampleSettings.ENV_BASE_URL, hightouch.baseUrl(),
                            ExampleSettings.ENV_SYNC_ID, LocalHightouch.SYNC_ID),
                    new Properties());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            ImportSummary summary = HightouchImportApplication.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(hightouch.syncRuns()).hasSize(1);
            Map<String, Object> ran = hightouch.syncRuns().get(0);
            Outcome sync = summary.sync().outcome();
            assertThat(sync.result()).isEqualTo(Result.SUCCEEDED);
            assertThat(sync.runId()).isEqualTo(String.valueOf(ran.get("id")));
            // the run the summary reports is the run as the stand-in last described it (compared as JSON)
            assertThat(JSON.readTree(JSON.writeValueAsString(sync.run()))).isEqualTo(JSON.readTree(JSON.writeValueAsString(ran)));
            String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(out).contains("polling every 100 ms")
                    .contains("Sync " + LocalHightouch.SYNC_ID + ": run " + ran.get("id") + " success, "
                              + rows(ran, "successfulRows", "addedCount") + " rows added")
                    .doesNotContain(hightouch.apiKey());
        }
    }

    @Test
    void withAnApiKeyItCallsTheGivenHightouchAndModelsGetTheIdsOfTheirSources() throws Exception {
        try (LocalHightouch hightouch = LocalHightouch.start()) {
            ExampleSettings settings = ExampleSettings.from(new String[] { "--output=target/example-test/api-key",
                "--passes=1" },
                    Map.of(ExampleSettings.ENV_API_KEY, hightouch.apiKey(), ExampleSettings.ENV_BASE_URL, hightouch.baseUrl()),
                    new Properties());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            ImportSummary summary = HightouchImportApplication.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));

            List<JsonNode> records = shippedRecords();
            assertThat(summary.failed()).extracting(Failed::line).containsExactly(lineOf(records, INVALID_SLUG));
            String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(out).contains("Calling the Hightouch API at " + hightouch.baseUrl())
                    .doesNotContain("stand-in")
                    .doesNotContain(hightouch.apiKey());
            // against a real Hightouch, no events without a write key
            assertThat(summary.events().enabled()).isFalse();
            assertThat(out).contains("Events: skipped, HIGHTOUCH_API_KEY is set and HIGHTOUCH_WRITE_KEY is not");
            // against a real Hightouch, no sync unless one is given
            assertThat(summary.sync().outcome().result()).isEqualTo(Result.SKIPPED);
            assertThat(out).contains("Sync: skipped, HIGHTOUCH_API_KEY is set and no sync id was given (set "
                                     + "HIGHTOUCH_SYNC_ID, -Dhightouch.example.syncId=<id> or --syncId=<id> to trigger one)");
            assertThat(hightouch.syncRuns()).isEmpty();

            // what the Hightouch received: every valid record once, each model pointing at its source's id
            Map<String, Long> sourceIdsBySlug = hightouch.created("sources").stream()
                    .collect(Collectors.toMap(s -> (String) s.get("slug"), s -> ((Number) s.get("id")).longValue()));
            List<JsonNode> expectedModels = new ArrayList<>();
            List<String> expectedSources = new ArrayList<>();
            for (JsonNode record : records) {
                String slug = record.get("slug").asText();
                if (slug.equals(INVALID_SLUG)) {
                    continue;
                }
                if (record.get("kind").asText().equals("source")) {
                    expectedSources.add(slug);
                } else {
                    expectedModels.add(record);
                }
            }
            assertThat(sourceIdsBySlug.keySet()).containsExactlyInAnyOrderElementsOf(expectedSources);
            List<Map<String, Object>> models = hightouch.created("models");
            assertThat(models).extracting(m -> m.get("slug"))
                    .containsExactlyElementsOf(expectedModels.stream().map(m -> m.get("slug").asText()).toList());
            Map<String, Map<String, Object>> modelsBySlug = models.stream()
                    .collect(Collectors.toMap(m -> (String) m.get("slug"), Function.identity()));
            for (JsonNode model : expectedModels) {
                Map<String, Object> sent = modelsBySlug.get(model.get("slug").asText());
                assertThat(((Number) sent.get("sourceId")).longValue())
                        .isEqualTo(sourceIdsBySlug.get(model.get("sourceSlug").asText()));
                assertThat(sent).doesNotContainKeys("kind", "sourceSlug");
            }
        }
    }

    @Test
    void aWrongApiKeyFailsEveryRecordAndIsNeverPrinted() throws Exception {
        String wrongKey = "wrong-key-4711";
        Path output = Path.of("target/example-test/wrong-key");
        try (LocalHightouch hightouch = LocalHightouch.start()) {
            ExampleSettings settings = ExampleSettings.from(new String[] { "--output=" + output, "--passes=1" },
                    Map.of(ExampleSettings.ENV_API_KEY, wrongKey, ExampleSettings.ENV_BASE_URL, hightouch.baseUrl(),
                            ExampleSettings.ENV_SYNC_ID, LocalHightouch.SYNC_ID),
                    new Properties());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            ImportSummary summary = HightouchImportApplication.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));

            List<JsonNode> records = shippedRecords();
            assertThat(summary.isComplete()).isTrue();
            assertThat(summary.created()).isEmpty();
            assertThat(summary.failed()).hasSize(records.size());
            assertThat(summary.failed()).filteredOn(f -> f.kind().equals("source")).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.reason()).contains("failed with HTTP 401"));
            // with no source created, the models cannot name their source
            assertThat(summary.failed()).filteredOn(f -> f.kind().equals("model")).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.reason()).startsWith("sourceSlug: no source with slug"));
            assertThat(hightouch.created("sources")).isEmpty();
            String deadLetters = Files.readString(output.resolve(HightouchImportApplication.DEAD_LETTER_FILE));
            assertThat(deadLetters.lines()).hasSize(records.size());
            assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain(wrongKey);
            assertThat(deadLetters).doesNotContain(wrongKey);
            // nor can it trigger the sync
            assertThat(summary.sync().outcome().result()).isEqualTo(Result.FAILED);
            assertThat(summary.sync().outcome().reason()).contains("HTTP 401");
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Sync failed: ");
            assertThat(hightouch.syncRuns()).isEmpty();
        }
    }

    @Test
    void runningTheImportAgainUpdatesWhatTheFirstRunCreatedInsteadOfFailingOnEverySlug() throws Exception {
        try (LocalHightouch hightouch = LocalHightouch.start()) {
            ExampleSettings settings = ExampleSettings.from(new String[] { "--output=target/example-test/twice", "--passes=1" },
                    Map.of(ExampleSettings.ENV_API_KEY, hightouch.apiKey(), ExampleSettings.ENV_BASE_URL, hightouch.baseUrl()),
                    new Properties());
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            ImportSummary first = HightouchImportApplication.run(settings, quiet);
            List<Map<String, Object>> sourcesAfterFirst = hightouch.created("sources");

            ImportSummary second = HightouchImportApplication.run(settings, quiet);

            int valid = shippedRecords().size() - 1;
            assertThat(first.imported(1, ImportSummary.CREATED)).hasSize(valid);
            assertThat(second.imported(1, ImportSummary.CREATED)).isEmpty();
            assertThat(second.imported(1, ImportSummary.UPDATED)).hasSize(valid);
            // only the record that is invalid in itself fails, as in the first run
            assertThat(second.failed()).extracting(Failed::reason).containsExactly(INVALID_REASON);
            assertThat(second.imported()).extracting(Imported::id)
                    .containsExactlyElementsOf(first.imported().stream().map(Imported::id).toList());
            // the same workspace: nothing created twice, each resource updated once
            assertThat(hightouch.created("sources")).hasSize(sourcesAfterFirst.size());
            assertThat(hightouch.updates("sources")).isEqualTo(sourcesAfterFirst.size());
            assertThat(hightouch.updates("models")).isEqualTo(hightouch.created("models").size());
        }
    }

    @ParameterizedTest
    @EnumSource(Dsl.class)
    void linesThatAreNotJsonOrHaveNoKnownKindGoToTheDeadLetters(Dsl dsl) throws Exception {
        Path output = Path.of("target/example-test/own-file-" + dsl.name().toLowerCase());
        Files.createDirectories(output);
        Path records = output.resolve("records.jsonl");
        String notJson = "name=Warehouse;slug=warehouse";
        String noKind = "{\"name\":\"Warehouse\",\"slug\":\"warehouse\",\"type\":\"postgres\",\"configuration\":{}}";
        String source = "{\"kind\":\"source\"," + noKind.substring(1);
        Files.writeString(records, notJson + "\n" + noKind + "\n" + source + "\n");
        ExampleSettings settings = ExampleSettings.from(new String[] { "--dsl=" + dsl.name().toLowerCase(),
                "--records=file:" + records.toAbsolutePath(), "--output=" + output, "--passes=1" }, Map.of(),
                new Properties());

        ImportSummary summary = HightouchImportApplication.run(settings,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(summary.isComplete()).isTrue();
        assertThat(summary.recordsRead()).isEqualTo(3);
        assertThat(summary.created()).extracting(Imported::line, Imported::slug)
                .containsExactly(Tuple.tuple(3, "warehouse"));
        assertThat(summary.failed()).extracting(Failed::line).containsExactly(1, 2);
        assertThat(summary.failed().get(0).reason()).contains("Unrecognized token 'name'");
        assertThat(summary.failed().get(1).reason()).isEqualTo("kind: must be \"source\" or \"model\", got nothing");
        List<JsonNode> deadLetters = new ArrayList<>();
        for (String line : Files.readAllLines(output.resolve(HightouchImportApplication.DEAD_LETTER_FILE))) {
            deadLetters.add(JSON.readTree(line));
        }
        assertThat(deadLetters).hasSize(2);
        assertThat(deadLetters.get(0).get("record").asText()).isEqualTo(notJson);
        assertThat(deadLetters.get(1).get("record")).isEqualTo(JSON.readTree(noKind));
    }

    @ParameterizedTest
    @EnumSource(Dsl.class)
    void aRecordsFileThatCannotBeReadStopsTheImportAndSaysWhy(Dsl dsl) throws Exception {
        ExampleSettings settings = ExampleSettings.from(new String[] { "--dsl=" + dsl.name().toLowerCase(),
                "--records=file:target/no-such-records.jsonl", "--output=target/example-test/no-file" }, Map.of(),
                new Properties());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ImportSummary summary = HightouchImportApplication.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(summary.isComplete()).isFalse();
        assertThat(summary.abortReason()).isEqualTo("records: no file at file:target/no-such-records.jsonl");
        assertThat(summary.recordsRead()).isZero();
        assertThat(summary.sync().outcome()).as("no sync after an import that stopped").isNull();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("The import stopped: records: no file at file:target/no-such-records.jsonl")
                .contains("Sync: not triggered, the import did not finish");
    }

    /** The records file the example ships, one JSON object per line. */
    private static List<JsonNode> shippedRecords() throws IOException {
        try (InputStream in = HightouchImportApplicationTest.class.getResourceAsStream("/records.jsonl")) {
            assertThat(in).isNotNull();
            List<JsonNode> records = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                records.add(JSON.readTree(line));
            }
            return records;
        }
    }

    /** The events file the example ships, one JSON object per line. */
    private static List<JsonNode> shippedEvents() throws IOException {
        try (InputStream in = HightouchImportApplicationTest.class.getResourceAsStream("/events.jsonl")) {
            assertThat(in).isNotNull();
            List<JsonNode> events = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                events.add(JSON.readTree(line));
            }
            return events;
        }
    }

    /** A row count of a run: rows is plannedRows, successfulRows or failedRows. */
    private static long rows(Map<String, Object> run, String rows, String count) {
        return ((Number) ((Map<?, ?>) run.get(rows)).get(count)).longValue();
    }

    private static int lineOf(List<JsonNode> records, String slug) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).get("slug").asText().equals(slug)) {
                return i + 1;
            }
        }
        throw new AssertionError("no record with slug " + slug + " in records.jsonl");
    }
}
