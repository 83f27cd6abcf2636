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

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The events, in the Java DSL (the same routes are in routes/send-events.camel.yaml), added only when the events are
 * sent (with a write key; the local stand-in has one):
 * <ol>
 * <li>send-events: reads the events file once and splits it line by line, streaming and in parallel, so that the
 * events of many lines wait for their batch together;</li>
 * <li>send-event: one JSON line; an identify goes to hightouch:identify, any other event to hightouch:track, in
 * batches; the exchange completes when Hightouch has accepted the batch holding its event; an invalid event or a
 * refused batch goes to the events dead letters;</li>
 * <li>event-failed: appends the event and the reason to the events dead-letter file.</li>
 * </ol>
 * The beans it calls (eventsFile, eventsSummary, deadLetters) are bound by {@link HightouchImportApplication}.
 */
public class SendEventsRoute extends RouteBuilder {

    /** Exchange property: the event's type as read from the events file. */
    public static final String EVENT_TYPE = "eventType";

    /** The events producers' batching: up to 50 events per batch, or what arrived within 200 ms. */
    static final String BATCHING = "batchSize=50&lingerMs=200";

    @Override
    public void configure() {
        from("direct:send-events").routeId("send-events")
                // the events file cannot be read: the step says why, the sync still runs
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "The events step stopped: ${exception.message}")
                .end()
                .log("Sending events from {{hightouch.example.events}}")
                .bean("eventsFile", "open")
                .split(body().tokenize("\n")).streaming().parallelProcessing()
                    .to("direct:send-event")
                .end()
                .bean("eventsSummary", "onFinished");

        from("direct:send-event").routeId("send-event")
                .errorHandler(deadLetterChannel("direct:event-failed"))
                .setProperty(ImportRecordsRoute.RECORD_TEXT, body())
                .bean("eventsSummary", "onRead")
                .unmarshal().json()
                .setProperty(EVENT_TYPE, simple("${body[type]}"))
                .choice()
                    .when(exchangeProperty(EVENT_TYPE).isEqualTo("identify"))
                        .to("hightouch:identify?" + BATCHING)
                    .otherwise()
                        .to("hightouch:track?" + BATCHING)
                .end()
                .bean("eventsSummary", "onAccepted");

        from("direct:event-failed").routeId("event-failed")
                .log("Event dead letter: ${exception.message}")
                .bean("eventsSummary", "onFailed")
                .bean("deadLetters", "toJsonLine")
                .to("file:{{hightouch.example.output}}?fileName=events-dead-letter.jsonl&fileExist=Append");
    }
}
