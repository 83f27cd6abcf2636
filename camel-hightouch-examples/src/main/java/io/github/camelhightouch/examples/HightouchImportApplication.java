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

import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchConfiguration;
import io.github.camelhightouch.examples.ExampleSettings.Dsl;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.Resource;

/**
 * The example: a Camel Main application that imports the sources and models of a JSON-lines file into Hightouch,
 * sends the records that fail to a dead-letter file, prints a summary and exits (with status 1 when the file could
 * not be read to its end, 0 otherwise, failed records or not).
 * <p>
 * With HIGHTOUCH_API_KEY set it calls the real API (HIGHTOUCH_BASE_URL overrides the base URL). Without it, it starts
 * a local Hightouch stand-in ({@link LocalHightouch}) on 127.0.0.1 and runs against it, so that it works with no
 * account and no network. The route is the Java DSL one ({@link ImportRecordsRoute}) unless --dsl=yaml (or
 * -Dhightouch.example.dsl=yaml) picks the YAML one.
 */
public final class HightouchImportApplication {

    /** The YAML version of the route. */
    public static final String YAML_ROUTES = "classpath:routes/import-records.camel.yaml";

    /** The name of the dead-letter file in the output folder. */
    public static final String DEAD_LETTER_FILE = "dead-letter.jsonl";

    /** A safety net: the application stops after this long even if the file is not done. */
    static final int MAX_RUN_SECONDS = 300;

    private HightouchImportApplication() {
    }

    public static void main(String[] args) throws Exception {
        ExampleSettings settings = ExampleSettings.from(args, System.getenv(), System.getProperties());
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
        if (settings.usesRealApi()) {
            String baseUrl = settings.baseUrl() != null ? settings.baseUrl() : HightouchConfiguration.DEFAULT_BASE_URL;
            out.println("Calling the Hightouch API at " + baseUrl);
            return importRecords(settings, out);
        }
        try (LocalHightouch standIn = LocalHightouch.start()) {
            out.println(ExampleSettings.ENV_API_KEY + " is not set: started a local Hightouch stand-in at "
                        + standIn.baseUrl() + " and running against it");
            return importRecords(settings.withApi(standIn.apiKey(), standIn.baseUrl()), out);
        }
    }

    private static ImportSummary importRecords(ExampleSettings settings, PrintStream out) throws Exception {
        Path deadLetters = settings.output().resolve(DEAD_LETTER_FILE);
        Files.createDirectories(settings.output());
        Files.deleteIfExists(deadLetters);

        Main main = new Main();
        ImportSummary summary = new ImportSummary(main::completed);
        main.bind("hightouch", hightouch(settings));
        main.bind("records", new RecordsFile(settings.records()));
        main.bind("recordKind", new RecordKind());
        main.bind("sourceIds", new SourceIds());
        main.bind("importSummary", summary);
        main.bind("deadLetters", new DeadLetters());
        main.addInitialProperty("hightouch.example.records", settings.records());
        main.addInitialProperty("hightouch.example.output", settings.output().toString());
        main.configure().withDurationMaxSeconds(MAX_RUN_SECONDS);
        if (settings.dsl() == Dsl.YAML) {
            main.configure().withRoutesIncludePattern(YAML_ROUTES);
        } else {
            main.configure().addRoutesBuilder(new ImportRecordsRoute());
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                // where the running route came from: the YAML file, or the Java DSL class
                Resource yaml = started.getCamelContext().getRoute("import-record").getSourceResource();
                out.println("Importing " + settings.records() + " with the " + settings.dsl().name() + " DSL route ("
                            + (yaml != null ? yaml.getLocation() : ImportRecordsRoute.class.getSimpleName()) + ")");
            }
        });
        main.run();

        if (!summary.isComplete() && summary.abortReason() == null) {
            out.println("The import did not finish within " + MAX_RUN_SECONDS + " seconds");
        }
        summary.print(out);
        out.println("Dead letters: " + (Files.exists(deadLetters) ? deadLetters : "none"));
        return summary;
    }

    private static HightouchComponent hightouch(ExampleSettings settings) {
        HightouchComponent hightouch = new HightouchComponent();
        hightouch.getConfiguration().setApiKey(settings.apiKey());
        if (settings.baseUrl() != null) {
            hightouch.getConfiguration().setBaseUrl(settings.baseUrl());
        }
        return hightouch;
    }
}
