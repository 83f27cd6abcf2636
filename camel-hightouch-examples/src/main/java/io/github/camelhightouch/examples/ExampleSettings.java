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
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What one run of the example does: which Hightouch to call, which DSL the route is written in, which records file
 * to read and where to write the dead letters.
 * <p>
 * Each setting comes from a command-line argument ({@code --dsl=yaml}), else a system property
 * ({@code -Dhightouch.example.dsl=yaml}), else its default. The API key and base URL come from the environment only
 * ({@code HIGHTOUCH_API_KEY}, {@code HIGHTOUCH_BASE_URL}), so that the key never shows in a command line.
 *
 * @param apiKey  the Hightouch API key, null to run against the local stand-in
 * @param baseUrl the Hightouch base URL, null for the component's default (the public API)
 * @param dsl     the DSL the route is loaded from
 * @param records where the JSON-lines records file is, as a Camel resource (classpath:..., file:...)
 * @param output  the folder the dead-letter file is written to
 */
public record ExampleSettings(String apiKey, String baseUrl, Dsl dsl, String records, Path output) {

    public static final String ENV_API_KEY = "HIGHTOUCH_API_KEY";
    public static final String ENV_BASE_URL = "HIGHTOUCH_BASE_URL";

    public static final String DEFAULT_RECORDS = "classpath:records.jsonl";
    public static final String DEFAULT_OUTPUT = "target/hightouch-example";

    private static final String PROPERTY_PREFIX = "hightouch.example.";

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
     * @param args       the command-line arguments, each --name=value (dsl, records, output)
     * @param env        the environment (HIGHTOUCH_API_KEY, HIGHTOUCH_BASE_URL)
     * @param properties the system properties (hightouch.example.dsl, .records, .output)
     */
    public static ExampleSettings from(String[] args, Map<String, String> env, Properties properties) {
        Map<String, String> arguments = parseArguments(args);
        String dsl = setting("dsl", "java", arguments, properties);
        String records = setting("records", DEFAULT_RECORDS, arguments, properties);
        String output = setting("output", DEFAULT_OUTPUT, arguments, properties);
        return new ExampleSettings(
                blankToNull(env.get(ENV_API_KEY)), blankToNull(env.get(ENV_BASE_URL)),
                Dsl.of(dsl), records, Path.of(output).toAbsolutePath().normalize());
    }

    /** Whether the run calls a real Hightouch (an API key is set) rather than the local stand-in. */
    public boolean usesRealApi() {
        return apiKey != null;
    }

    /** The same settings, against another Hightouch. */
    public ExampleSettings withApi(String apiKey, String baseUrl) {
        return new ExampleSettings(apiKey, baseUrl, dsl, records, output);
    }

    @Override
    public String toString() {
        // never prints the API key
        return "ExampleSettings[dsl=" + dsl + ", records=" + records + ", output=" + output + ", baseUrl=" + baseUrl
               + ", apiKey=" + (apiKey == null ? "<unset>" : "xxxxxx") + "]";
    }

    private static Map<String, String> parseArguments(String[] args) {
        Map<String, String> arguments = new java.util.LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 3) {
                throw new IllegalArgumentException(
                        "arguments: expected --dsl=java|yaml, --records=<resource> or --output=<folder>, got '" + arg + "'");
            }
            String name = arg.substring(2, equals);
            if (!name.equals("dsl") && !name.equals("records") && !name.equals("output")) {
                throw new IllegalArgumentException("arguments: unknown option --" + name
                                                   + " (known: --dsl, --records, --output)");
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
