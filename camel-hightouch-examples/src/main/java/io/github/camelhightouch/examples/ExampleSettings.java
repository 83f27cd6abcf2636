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

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What one run of the example does: which Hightouch to call, which DSL the route is written in, which records file
 * to read and how many times, which events file to send, where to write the dead letters, and which sync to trigger
 * once the records are in.
 * <p>
 * Each setting comes from a command-line argument ({@code --dsl=yaml}), else a system property
 * ({@code -Dhightouch.example.dsl=yaml}), else its default. The API key and base URL come from the environment only
 * ({@code HIGHTOUCH_API_KEY}, {@code HIGHTOUCH_BASE_URL}), so that the key never shows in a command line, and so do
 * the events write key and URL ({@code HIGHTOUCH_WRITE_KEY}, {@code HIGHTOUCH_EVENTS_URL}); the sync id may also come
 * from the environment ({@code HIGHTOUCH_SYNC_ID}), after the argument and the system property.
 *
 * @param apiKey           the Hightouch API key, null to run against the local stand-in
 * @param baseUrl          the Hightouch base URL, null for the component's default (the public API)
 * @param dsl              the DSL the route is loaded from
 * @param writeKey         the Events API write key, null for no events against the real API (the stand-in has its
 *                         own)
 * @param eventsUrl        the Events API URL, null for the component's default (us-east-1)
 * @param records          where the JSON-lines records file is, as a Camel resource (classpath:..., file:...)
 * @param passes           how many times the records file is imported: a second pass updates what the first created
 * @param events           where the JSON-lines events file is, as a Camel resource
 * @param output           the folder the dead-letter file is written to
 * @param syncId           the sync to trigger after the import, null for the default: the stand-in's sync, or no
 *                         sync at all against the real API
 * @param syncPollInterval milliseconds between two polls of the sync run, null for the default (200 against the
 *                         stand-in, 5000 against the real API)
 * @param syncTimeout      milliseconds the application waits for the sync run at most
 * @param standInRunStatus the status the stand-in's sync runs end in (processing: they never end)
 */
public record ExampleSettings(
        String apiKey, String baseUrl, String writeKey, String eventsUrl, Dsl dsl, String records, int passes,
        String events, Path output, String syncId, Long syncPollInterval, long syncTimeout, String standInRunStatus) {

    public static final String ENV_API_KEY = "HIGHTOUCH_API_KEY";
    public static final String ENV_BASE_URL = "HIGHTOUCH_BASE_URL";
    public static final String ENV_SYNC_ID = "HIGHTOUCH_SYNC_ID";
    public static final String ENV_WRITE_KEY = "HIGHTOUCH_WRITE_KEY";
    public static final String ENV_EVENTS_URL = "HIGHTOUCH_EVENTS_URL";

    public static final String DEFAULT_RECORDS = "classpath:records.jsonl";
    public static final String DEFAULT_EVENTS = "classpath:events.jsonl";
    public static final String DEFAULT_OUTPUT = "target/hightouch-example";

    /** Two passes over the records: the second shows that a re-run updates instead of failing on every slug. */
    public static final int DEFAULT_PASSES = 2;

    /** Polls of the stand-in's runs can be quick: a run there takes about a second. */
    public static final long STAND_IN_POLL_INTERVAL = 200;

    /** Polls of the real API's runs: the component's default, kind to the rate limit. */
    public static final long API_POLL_INTERVAL = 5000;

    /** How long the application waits for the sync run by default: ten minutes. */
    public static final long DEFAULT_SYNC_TIMEOUT = 600_000;

    /** The statuses the stand-in's runs can be told to end in; processing means that they never end. */
    public static final List<String> STAND_IN_RUN_STATUSES
            = List.of("success", "warning", "failed", "cancelled", "interrupted", "processing");

    /** The argument that tests the connection instead of importing. */
    public static final String CHECK = "--check";

    private static final String PROPERTY_PREFIX = "hightouch.example.";

    private static final List<String> ARGUMENTS
            = List.of("dsl", "records", "passes", "events", "output", "syncId", "syncPollInterval", "syncTimeout",
                      "standInRunStatus");

    /** The two ways the same route is written. */
    public enum Dsl {
        JAVA,
        YAML;

        static Dsl of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("dsl: must be java or yaml, got '" + name + "'");
            }
        }
    }

    /**
     * Reads the settings.
     *
     * @param args       the command-line arguments, each --name=value (dsl, records, passes, events, output, syncId,
     *                   syncPollInterval, syncTimeout, standInRunStatus)
     * @param env        the environment (HIGHTOUCH_API_KEY, HIGHTOUCH_BASE_URL, HIGHTOUCH_WRITE_KEY,
     *                   HIGHTOUCH_EVENTS_URL, HIGHTOUCH_SYNC_ID)
     * @param properties the system properties (hightouch.example.dsl, .records, .output, .syncId, ...)
     */
    public static ExampleSettings from(String[] args, Map<String, String> env, Properties properties) {
        Map<String, String> arguments = parseArguments(args);
        String dsl = setting("dsl", "java", arguments, properties);
        String records = setting("records", DEFAULT_RECORDS, arguments, properties);
        String passes = setting("passes", Integer.toString(DEFAULT_PASSES), arguments, properties);
        String events = setting("events", DEFAULT_EVENTS, arguments, properties);
        String output = setting("output", DEFAULT_OUTPUT, arguments, properties);
        String syncId = setting("syncId", blankToNull(env.get(ENV_SYNC_ID)), arguments, properties);
        String pollInterval = setting("syncPollInterval", null, arguments, properties);
        String timeout = setting("syncTimeout", Long.toString(DEFAULT_SYNC_TIMEOUT), arguments, properties);
        String runStatus = setting("standInRunStatus", "success", arguments, properties);
        return new ExampleSettings(
                blankToNull(env.get(ENV_API_KEY)), blankToNull(env.get(ENV_BASE_URL)),
                blankToNull(env.get(ENV_WRITE_KEY)), blankToNull(env.get(ENV_EVENTS_URL)),
                Dsl.of(dsl), records, passes(passes), events, Path.of(output).toAbsolutePath().normalize(),
                syncId(syncId), pollInterval == null ? null : milliseconds("syncPollInterval", pollInterval),
                milliseconds("syncTimeout", timeout), standInRunStatus(runStatus));
    }

    /** Whether the run calls a real Hightouch (an API key is set) rather than the local stand-in. */
    public boolean usesRealApi() {
        return apiKey != null;
    }

    /** Whether the run sends the events file: with a write key (the stand-in always has one). */
    public boolean sendsEvents() {
        return writeKey != null;
    }

    /** The same settings, against another Hightouch REST API. */
    public ExampleSettings withApi(String apiKey, String baseUrl) {
        return new ExampleSettings(apiKey, baseUrl, writeKey, eventsUrl, dsl, records, passes, events, output, syncId,
                syncPollInterval, syncTimeout, standInRunStatus);
    }

    /** The same settings, against another Events API. */
    public ExampleSettings withEvents(String writeKey, String eventsUrl) {
        return new ExampleSettings(apiKey, baseUrl, writeKey, eventsUrl, dsl, records, passes, events, output, syncId,
                syncPollInterval, syncTimeout, standInRunStatus);
    }

    /**
     * The same settings with the sync defaults of the Hightouch they call: against the stand-in, its sync and quick
     * polls; against the real API, no sync unless one is given, and polls every 5 seconds.
     */
    public ExampleSettings withSyncDefaults() {
        boolean standIn = !usesRealApi();
        return new ExampleSettings(apiKey, baseUrl, writeKey, eventsUrl, dsl, records, passes, events, output,
                syncId != null ? syncId : standIn ? LocalHightouch.SYNC_ID : null,
                syncPollInterval != null ? syncPollInterval : standIn ? STAND_IN_POLL_INTERVAL : API_POLL_INTERVAL,
                syncTimeout, standInRunStatus);
    }

    @Override
    public String toString() {
        // never prints the API key nor the write key
        return "ExampleSettings[dsl=" + dsl + ", records=" + records + ", passes=" + passes + ", events=" + events
               + ", output=" + output + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "<unset>" : "xxxxxx")
               + ", eventsUrl=" + eventsUrl + ", writeKey=" + (writeKey == null ? "<unset>" : "xxxxxx") + ", syncId=" + syncId + ", syncPollInterval="
               + syncPollInterval + ", syncTimeout=" + syncTimeout + ", standInRunStatus=" + standInRunStatus + "]";
    }

    /**
     * Whether the arguments ask for {@code --check}: test the API key and base URL, print what was found, and exit
     * without importing.
     */
    public static boolean checkRequested(String[] args) {
        for (String arg : args) {
            if (CHECK.equals(arg)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> parseArguments(String[] args) {
        Map<String, String> arguments = new LinkedHashMap<>();
        for (String arg : args) {
            if (CHECK.equals(arg)) {
                continue;
            }
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 3) {
                throw new IllegalArgumentException("arguments: expected --dsl=java|yaml, --records=<resource>, "
                                                   + "--passes=<n>, --events=<resource>, --output=<folder>, --syncId=<id>, --syncPollInterval=<ms>, "
                                                   + "--syncTimeout=<ms>, --standInRunStatus=<status> or --check, got '" + arg
                                                   + "'");
            }
            String name = arg.substring(2, equals);
            if (!ARGUMENTS.contains(name)) {
                throw new IllegalArgumentException("arguments: unknown option --" + name + " (known: --"
                                                   + String.join(", --", ARGUMENTS) + ")");
            }
            arguments.put(name, arg.substring(equals + 1));
        }
        return arguments;
    }

    private static String setting(String name, String defaultValue, Map<String, String> arguments, Properties properties) {
        String value = arguments.get(name);
        if (value == null || value.isBlank()) {
            value = properties.getProperty(PROPERTY_PREFIX + name);
        }
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    private static String syncId(String value) {
        if (value != null && !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("syncId: must be the number of a Hightouch sync, got '" + value + "'");
        }
        return value;
    }

    private static int passes(String value) {
        int passes;
        try {
            passes = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            passes = 0;
        }
        if (passes < 1 || passes > 10) {
            throw new IllegalArgumentException("passes: must be a number from 1 to 10, got '" + value + "'");
        }
        return passes;
    }

    private static long milliseconds(String name, String value) {
        long millis;
        try {
            millis = Long.parseLong(value);
        } catch (NumberFormatException e) {
            millis = 0;
        }
        if (millis <= 0) {
            throw new IllegalArgumentException(name + ": must be a positive number of milliseconds, got '" + value + "'");
        }
        return millis;
    }

    private static String standInRunStatus(String value) {
        String status = value.toLowerCase(Locale.ROOT);
        if (!STAND_IN_RUN_STATUSES.contains(status)) {
            throw new IllegalArgumentException("standInRunStatus: must be one of " + STAND_IN_RUN_STATUSES + ", got '"
                                               + value + "'");
        }
        return status;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
