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

import org.apache.camel.builder.RouteBuilder;

/**
 * The import, in the Java DSL (the same route is in routes/import-records.camel.yaml):
 * <ol>
 * <li>import-records: reads the records file once and splits it line by line, streaming; if the file cannot be
 * read, the import stops;</li>
 * <li>import-record: one JSON line; a source goes to hightouch:createSource, a model (whose sourceSlug becomes
 * the id of a source created before) to hightouch:createModel; any failure goes to the dead letters;</li>
 * <li>record-failed: appends the record and the reason to the dead-letter file.</li>
 * </ol>
 * The beans it calls (records, recordKind, sourceIds, importSummary, deadLetters) are bound by
 * {@link HightouchImportApplication}.
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
                .log("Importing records from {{hightouch.example.records}}")
                .bean("records", "open")
                .split(body().tokenize("\n")).streaming()
                    .to("direct:import-record")
                .end()
                .bean("importSummary", "onFinished");

        from("direct:import-record").routeId("import-record")
                .errorHandler(deadLetterChannel("direct:record-failed"))
                .setProperty(RECORD_TEXT, body())
                .bean("importSummary", "onRead")
                .unmarshal().json()
                .setProperty(RECORD_KIND, method("recordKind", "take"))
                .choice()
                    .when(exchangeProperty(RECORD_KIND).isEqualTo(RecordKind.SOURCE))
                        .to("hightouch:createSource")
                        .bean("sourceIds", "remember")
                    .otherwise()
                        .bean("sourceIds", "resolve")
                        .to("hightouch:createModel")
                .end()
                .log("Created ${exchangeProperty." + RECORD_KIND + "} ${body[slug]} with id ${body[id]}")
                .bean("importSummary", "onCreated");

        from("direct:record-failed").routeId("record-failed")
                .log("Dead letter: ${exception.message}")
                .bean("importSummary", "onFailed")
                .bean("deadLetters", "toJsonLine")
                .to("file:{{hightouch.example.output}}?fileName=dead-letter.jsonl&fileExist=Append");
    }
}
