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

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchConfiguration;
import io.github.camelhightouch.examples.ExampleSettings.Dsl;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.Resource;

/**
 * The example: a Camel Main application that imports the sources and models of a JSON-lines file into Hightouch (twice
 * by default: the second pass updates what the first created), sends the records that fail to a dead-letter file,
 * sends the events of another JSON-lines file to the Events API in batches (invalid ones to their own dead-letter
 * file), then triggers a sync and waits for its run, prints a summary and exits (with status 1 when the records file
 * could not be read to its end, 0 otherwise, failed records or sync or not).
 * <p>
 * With HIGHTOUCH_API_KEY set it calls the real API (HIGHTOUCH_BASE_URL overrides the base URL), and sends the events
 * only with HIGHTOUCH_WRITE_KEY (HIGHTOUCH_EVENTS_URL picks the region's host). Without it, it starts
 * a local Hightouch stand-in ({@link LocalHightouch}) on 127.0.0.1 and runs against it, so that it works with no
 * account and no network. The route is the Java DSL one ({@link ImportRecordsRoute}) unless --dsl=yaml (or
 * -Dhightouch.example.dsl=yaml) picks the YAML one.
 * <p>
 * The sync it triggers is --syncId (or -Dhightouch.example.syncId, or HIGHTOUCH_SYNC_ID); by default the one the
 * stand-in knows, and none against the real API: the summary then says that the step was skipped.
 * <p>
 * With --check it only tests the connection ({@link #check}) and exits: 0 when the key is accepted, 1 otherwise.
 */
public final class HightouchImportApplication {

    /** The YAML version of the route. */
    public static final String YAML_ROUTES = "classpath:routes/import-records.camel.yaml";

    /** The YAML version of the events routes, loaded when the events are sent. */
    public static final String YAML_EVENTS_ROUTES = "classpath:routes/send-events.camel.yaml";

    /** The name of the dead-letter file in the output folder. */
    public static final String DEAD_LETTER_FILE = "dead-letter.jsonl";

    /** The name of the events dead-letter file in the output folder. */
    public static final String EVENTS_DEAD_LETTER_FILE = "events-dead-letter.jsonl";

    /** Why the events step is skipped: only against the real API, when no write key was given. */
    static final String NO_WRITE_KEY = ExampleSettings.ENV_API_KEY + " is set and " + ExampleSettings.ENV_WRITE_KEY
                                       + " is not (set it, and " + ExampleSettings.ENV_EVENTS_URL
                                       + " for another region, to send the events file)";

    /** The name of the route that triggers the sync and waits for its run. */
    public static final String SYNC_ROUTE = "run-sync";

    /** Why the sync step is skipped: only against the real API, when no sync id was given. */
    static final String NO_SYNC_ID = ExampleSettings.ENV_API_KEY + " is set and no sync id was given (set "
                                     + ExampleSettings.ENV_SYNC_ID + ", -Dhightouch.example.syncId=<id> or "
                                     + "--syncId=<id> to trigger one)";

    /**
     * A safety net: the application stops after this long (plus the sync timeout) even if the import is not done.
     */
    static final int MAX_RUN_SECONDS = 300;

    private HightouchImportApplication() {
    }

    public static void main(String[] args) throws Exception {
        ExampleSettings settings = ExampleSettings.from(args, System.getenv(), System.getProperties());
        if (ExampleSettings.checkRequested(args)) {
            System.exit(check(settings, System.out) == ConnectionCheck.Outcome.OK ? 0 : 1);
        }
        ImportSummary summary = run(settings, System.out);
        if (!summary.isComplete()) {
            System.exit(1);
        }
    }

    /**
     * Runs the import once, against the real API when the settings carry an API key, else against a local stand-in
     * started for the run, and prints the summary.
     */
    public static ImportSummary run(ExampleSettings settings, PrintStream out) throws Exception {
        settings = settings.withSyncDefaults();
        if (settings.usesRealApi()) {
            String baseUrl = settings.baseUrl() != null ? settings.baseUrl() : HightouchConfiguration.DEFAULT_BASE_URL;
            out.println("Calling the Hightouch API at " + baseUrl);
            if (settings.sendsEvents()) {
                out.println("Sending events to the Events API at " + (settings.eventsUrl() != null
                        ? settings.eventsUrl() : HightouchConfiguration.DEFAULT_EVENTS_URL));
            }
            return importRecords(settings, null, out);
        }
        try (LocalHightouch standIn = LocalHightouch.start(settings.standInRunStatus())) {
            out.println(ExampleSettings.ENV_API_KEY + " is not set: started a local Hightouch stand-in at "
                        + standIn.baseUrl() + " (Events API at " + standIn.eventsUrl() + ") and running against it");
            return importRecords(settings.withApi(standIn.apiKey(), standIn.baseUrl())
                    .withEvents(standIn.writeKey(), standIn.eventsUrl()), standIn::eventBatchSizes, out);
        }
    }

    /**
     * {@code --check}: tests the API key and the base URL with one listSources call, prints whether Hightouch is
     * reachable, whether the key is accepted and how many sources the workspace has, and imports nothing. Without an
     * API key it checks a local stand-in started for the purpose. With an events write key it also checks that the
     * Events API's host answers (the write key itself can only be checked by sending an event, which it does not).
     */
    public static ConnectionCheck.Outcome check(ExampleSettings settings, PrintStream out) throws Exception {
        if (settings.usesRealApi()) {
            return ConnectionCheck.run(settings.apiKey(), settings.baseUrl(), settings.writeKey(), settings.eventsUrl(),
                    out);
        }
        try (LocalHightouch standIn = LocalHightouch.start(settings.standInRunStatus())) {
            out.println(ExampleSettings.ENV_API_KEY + " is not set: started a local Hightouch stand-in at "
                        + standIn.baseUrl() + " and checking it");
            return ConnectionCheck.run(standIn.apiKey(), standIn.baseUrl(), standIn.writeKey(), standIn.eventsUrl(),
                    out);
        }
    }

    private static ImportSummary importRecords(ExampleSettings settings, Supplier<List<Integer>> batchSizes,
                                               PrintStream out) throws Exception {
        Path deadLetters = settings.output().resolve(DEAD_LETTER_FILE);
        Path eventDeadLetters = settings.output().resolve(EVENTS_DEAD_LETTER_FILE);
        Files.createDirectories(settings.output());
        Files.deleteIfExists(deadLetters);
        Files.deleteIfExists(eventDeadLetters);

        Main main = new Main();
        // the sync step is the last one: whatever its outcome, it ends the run (so does an import that stops early)
        SyncRunSummary sync = new SyncRunSummary(settings.syncId(), NO_SYNC_ID, main::completed);
        EventsSummary events = new EventsSummary(settings.sendsEvents() ? null : NO_WRITE_KEY, batchSizes);
        ImportSummary summary = new ImportSummary(main::completed, events, sync);
        main.bind("hightouch", hightouch(settings));
        main.bind("records", new RecordsFile(settings.records()));
        main.bind("recordKind", new RecordKind());
        main.bind("sourceIds", new SourceIds());
        main.bind("importSummary", summary);
        main.bind("deadLetters", new DeadLetters());
        main.bind("eventsFile", new RecordsFile("events", settings.events()));
        main.bind("eventsSummary", events);
        main.bind("syncSummary", sync);
        main.addInitialProperty("hightouch.example.records", settings.records());
        main.addInitialProperty("hightouch.example.passes", Integer.toString(settings.passes()));
        main.addInitialProperty("hightouch.example.events", settings.events());
        main.addInitialProperty("hightouch.example.output", settings.output().toString());
        main.addInitialProperty("hightouch.example.syncPollInterval", settings.syncPollInterval().toString());
        main.addInitialProperty("hightouch.example.syncTimeout", Long.toString(settings.syncTimeout()));
        int maxRunSeconds = maxRunSeconds(settings);
        main.configure().withDurationMaxSeconds(maxRunSeconds);
        if (settings.dsl() == Dsl.YAML) {
            main.configure().withRoutesIncludePattern(settings.sendsEvents() ? YAML_ROUTES + "," + YAML_EVENTS_ROUTES
                    : YAML_ROUTES);
        } else {
            main.configure().addRoutesBuilder(new ImportRecordsRoute());
            if (settings.sendsEvents()) {
                // without a write key the events endpoints could not be created: their routes are left out
                main.configure().addRoutesBuilder(new SendEventsRoute());
            }
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                // where the running route came from: the YAML file, or the Java DSL class
                CamelContext camel = started.getCamelContext();
                out.println("Importing " + settings.records() + " " + settings.passes() + " time(s) with the "
                            + settings.dsl().name() + " DSL route (" + sourceOf(camel, "import-record") + ")");
                out.println(settings.sendsEvents()
                        ? "Then sending the events of " + settings.events() + " in batches (route send-events from "
                          + sourceOf(camel, "send-events", SendEventsRoute.class) + ")"
                        : "Then no events to send");
                out.println(sync.syncId() == null
                        ? "Then no sync to trigger (route " + SYNC_ROUTE + " from " + sourceOf(camel, SYNC_ROUTE) + ")"
                        : "Then triggering sync " + sync.syncId() + " and waiting for its run, polling every "
                          + settings.syncPollInterval() + " ms (route " + SYNC_ROUTE + " from "
                          + sourceOf(camel, SYNC_ROUTE) + ")");
            }
        });
        main.run();

        if (!summary.isComplete() && summary.abortReason() == null) {
            out.println("The import did not finish within " + maxRunSeconds + " seconds");
        }
        summary.print(out);
        out.println("Dead letters: " + (Files.exists(deadLetters) ? deadLetters : "none"));
        out.println("Events dead letters: " + (Files.exists(eventDeadLetters) ? eventDeadLetters : "none"));
        return summary;
    }

    /** Where a route came from: its YAML file, or the Java DSL class. */
    private static String sourceOf(CamelContext camel, String routeId) {
        return sourceOf(camel, routeId, ImportRecordsRoute.class);
    }

    private static String sourceOf(CamelContext camel, String routeId, Class<?> javaRoutes) {
        Resource yaml = camel.getRoute(routeId).getSourceResource();
        return yaml != null ? yaml.getLocation() : javaRoutes.getSimpleName();
    }

    /** The safety net: the import's time, plus the time the sync run may take. */
    private static int maxRunSeconds(ExampleSettings settings) {
        return (int) Math.min(Integer.MAX_VALUE, MAX_RUN_SECONDS + (settings.syncTimeout() + 999) / 1000);
    }

    private static HightouchComponent hightouch(ExampleSettings settings) {
        HightouchComponent hightouch = new HightouchComponent();
        hightouch.getConfiguration().setApiKey(settings.apiKey());
        if (settings.baseUrl() != null) {
            hightouch.getConfiguration().setBaseUrl(settings.baseUrl());
        }
        hightouch.getConfiguration().setWriteKey(settings.writeKey());
        if (settings.eventsUrl() != null) {
            hightouch.getConfiguration().setEventsUrl(settings.eventsUrl());
        }
        return hightouch;
    }
}
