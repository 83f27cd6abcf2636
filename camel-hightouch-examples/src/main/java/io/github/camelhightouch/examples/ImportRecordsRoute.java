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

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchSyncRunException;
import io.github.camelhightouch.HightouchWaitTimeoutException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The import, in the Java DSL (the same route is in routes/import-records.camel.yaml):
 * <ol>
 * <li>import-records: reads the records file as many times as there are passes (two by default) and splits it line
 * by line, streaming; if the file cannot be read, the import stops;</li>
 * <li>import-record: one JSON line; a source goes to hightouch:createSource, a model (whose sourceSlug becomes
 * the id of a source created before) to hightouch:createModel, both with onConflict=update: a slug that exists already
 * updates that resource, so a second pass converges instead of failing; any failure goes to the dead letters;</li>
 * <li>record-failed: appends the record and the reason to the dead-letter file;</li>
 * <li>then the events, when they are sent: {@link SendEventsRoute};</li>
 * <li>run-sync: once every record is done, triggers the sync (hightouch:triggerSync) and waits for its run without
 * holding a thread; a run that ends failed, cancelled or interrupted, one that does not end in time, and a call to
 * Hightouch that fails go to the summary, not to the import.</li>
 * </ol>
 * The beans it calls (records, recordKind, sourceIds, importSummary, deadLetters, eventsFile, eventsSummary,
 * syncSummary) are bound by
 * {@link HightouchImportApplication}, and so are the properties it reads (hightouch.example.*).
 */
public class ImportRecordsRoute extends RouteBuilder {

    /** Exchange property: the record's line as read from the file. */
    public static final String RECORD_TEXT = "recordText";

    /** Exchange property: the record's kind, source or model. */
    public static final String RECORD_KIND = "recordKind";

    @Override
    public void configure() {
        from("timer:import-records?repeatCount=1&delay=0").routeId("import-records")
                // the file cannot be read: the import stops, and says why
                .onException(Exception.class).handled(true)
                    .bean("importSummary", "onAborted")
                .end()
                .loop(simple("{{hightouch.example.passes}}"))
                    .log("Importing records from {{hightouch.example.records}}")
                    .bean("records", "open")
                    .split(body().tokenize("\n")).streaming()
                        .to("direct:import-record")
                    .end()
                .end()
                .bean("importSummary", "onFinished")
                // the events routes (SendEventsRoute) are there only when the events are sent
                .filter(method("eventsSummary", "enabled"))
                    .to("direct:send-events")
                .end()
                // the last step: whatever the sync's outcome, the summary records it and the application ends
                .to("direct:run-sync");

        from("direct:import-record").routeId("import-record")
                .errorHandler(deadLetterChannel("direct:record-failed"))
                .setProperty(RECORD_TEXT, body())
                .bean("importSummary", "onRead")
                .unmarshal().json()
                .setProperty(RECORD_KIND, method("recordKind", "take"))
                .choice()
                    .when(exchangeProperty(RECORD_KIND).isEqualTo(RecordKind.SOURCE))
                        .to("hightouch:createSource?onConflict=update")
                        .bean("sourceIds", "remember")
                    .otherwise()
                        .bean("sourceIds", "resolve")
                        .to("hightouch:createModel?onConflict=update")
                .end()
                .log("${header.CamelHightouchResourceOutcome} ${exchangeProperty." + RECORD_KIND
                     + "} ${body[slug]} with id ${body[id]}")
                .bean("importSummary", "onImported");

        from("direct:record-failed").routeId("record-failed")
                .log("Dead letter: ${exception.message}")
                .bean("importSummary", "onFailed")
                .bean("deadLetters", "toJsonLine")
                .to("file:{{hightouch.example.output}}?fileName=dead-letter.jsonl&fileExist=Append");

        from("direct:run-sync").routeId("run-sync")
                // the run ended failed, cancelled or interrupted, or did not end in time
                .onException(HightouchSyncRunException.class, HightouchWaitTimeoutException.class).handled(true)
                    .log(LoggingLevel.WARN, "Sync ${header.CamelHightouchSyncId}: ${exception.message}")
                    .bean("syncSummary", "onRunFailed")
                .end()
                // a call failed: unknown sync, wrong key, Hightouch unreachable, a poll refused, ...
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "Sync ${header.CamelHightouchSyncId} failed: ${exception.message}")
                    .bean("syncSummary", "onCallFailed")
                .end()
                .setHeader(HightouchConstants.SYNC_ID, method("syncSummary", "syncId"))
                .choice()
                    .when(header(HightouchConstants.SYNC_ID).isNull())
                        .log("No sync to trigger")
                        .bean("syncSummary", "onSkipped")
                    .otherwise()
                        .log("Triggering sync ${header.CamelHightouchSyncId} and waiting for its run")
                        .to("hightouch:triggerSync?waitForCompletion=true"
                            + "&pollInterval={{hightouch.example.syncPollInterval}}"
                            + "&timeout={{hightouch.example.syncTimeout}}")
                        .log("Sync ${header.CamelHightouchSyncId} run ${header.CamelHightouchSyncRunId} ended "
                             + "${header.CamelHightouchSyncRunStatus}: ${body[successfulRows][addedCount]} rows added")
                        .bean("syncSummary", "onFinished")
                .end();
    }
}
