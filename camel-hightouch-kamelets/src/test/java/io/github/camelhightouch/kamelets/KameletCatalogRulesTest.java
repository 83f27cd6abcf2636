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
package io.github.camelhightouch.kamelets;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.camelhightouch.kamelets.KameletCatalogRules.KameletFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Kamelet file the module ships (as built, with the version filled in) follows the rules of the Apache Camel
 * Kamelet catalog's validator; and each rule, broken in a copy of a good file, is reported.
 */
class KameletCatalogRulesTest {

    private static final String ICON_START = "camel.apache.org/kamelet.icon: \"data:image/svg+xml;base64,";

    private static KameletCatalogRules rules;
    private static List<KameletFile> shipped;

    @BeforeAll
    static void loadTheShippedKamelets() throws Exception {
        rules = new KameletCatalogRules();
        URL directory = KameletCatalogRulesTest.class.getResource("/kamelets");
        assertThat(directory).as("kamelets/ on the classpath").isNotNull();
        shipped = new ArrayList<>();
        try (Stream<Path> files = Files.list(Paths.get(directory.toURI()))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".kamelet.yaml")).sorted().toList()) {
                shipped.add(new KameletFile(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void everyShippedKameletFollowsTheCatalogRules() {
        assertThat(shipped).extracting(KameletFile::fileName).contains("hightouch-sink.kamelet.yaml",
                "hightouch-trigger-sync-action.kamelet.yaml", "hightouch-sync-runs-source.kamelet.yaml",
                "hightouch-events-sink.kamelet.yaml");
        assertThat(rules.check(shipped)).isEmpty();
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of("no icon", "    " + ICON_START, "    x-icon: \"", "camel.apache.org/kamelet.icon is missing"),
                Arguments.of("an icon that is not SVG", ICON_START, ICON_START + "bm90IHN2Zw==", "not a base64 SVG"),
                Arguments.of("an icon that is a PNG URI", "data:image/svg+xml;base64,", "data:image/png;base64,",
                        "must be a data:image/svg+xml;base64, URI"),
                Arguments.of("a namespace outside the catalog's set", "kamelet.namespace: \"Cloud\"",
                        "kamelet.namespace: \"SaaS\"", "namespace must be one the catalog uses"),
                Arguments.of("another provider", "provider: \"camel-hightouch\"", "provider: \"someone\"",
                        "camel.apache.org/provider must be camel-hightouch"),
                Arguments.of("an unknown support level", "support.level: \"Preview\"", "support.level: \"Beta\"",
                        "support.level must be one of"),
                Arguments.of("no group", "camel.apache.org/kamelet.group: \"Hightouch\"", "x-group: \"Hightouch\"",
                        "kamelet.group is missing"),
                Arguments.of("an unfilled catalog version", "catalog.version: \"", "catalog.version: \"${project.version}",
                        "catalog.version must be the project version"),
                Arguments.of("an invalid type label", "kamelet.type: \"sink\"", "kamelet.type: \"sinks\"",
                        "must be source, sink or action"),
                Arguments.of("a name that does not end with the type", "name: hightouch-sink", "name: hightouch-sink2",
                        "does not match the file name"),
                Arguments.of("a title without the type", "title: \"Hightouch Sink\"", "title: \"Hightouch\"",
                        "does not end with the type"),
                Arguments.of("a definition that is not an object", "    type: object", "    type: array",
                        "spec.definition.type must be object"),
                Arguments.of("a lower-case word in a property title", "title: Base URL", "title: Base url",
                        "'url' not capitalized"),
                Arguments.of("a property title starting with The", "title: Base URL", "title: The Base URL",
                        "starts with an article"),
                Arguments.of("a property without description",
                        "        description: The base URL of the Hightouch REST API.\n", "",
                        "property baseUrl: description is missing"),
                Arguments.of("a password without the credentials descriptor",
                        "          - urn:camel:group:credentials", "          - urn:camel:group:other",
                        "has format password but not the x-descriptor"),
                Arguments.of("a secret that is not a password", "        format: password\n", "",
                        "property apiKey: holds a secret but has no format password"),
                Arguments.of("a required property that is not defined", "      - apiKey", "      - apiKey\n      - token",
                        "lists token, which is not a property"),
                Arguments.of("no spec.types", "  types:\n    in:", "  typez:\n    in:", "spec.types is missing"),
                Arguments.of("no input type on a sink", "  types:\n    in:", "  types:\n    other:",
                        "spec.types.in is missing for a sink"),
                Arguments.of("a dependency that is no reference", "    - \"camel:kamelet\"", "    - \"kamelet\"",
                        "not a camel:, mvn: or github:apache/ reference"),
                Arguments.of("a property the template never uses", "              batchMode: \"{{batchMode}}\"\n", "",
                        "property batchMode is declared but the template never uses it"),
                Arguments.of("a template parameter that is not declared", "\"{{connectTimeout}}\"",
                        "\"{{connectTimeoutMs}}\"", "uses {{connectTimeoutMs}}, which is not declared"),
                Arguments.of("a parameter the component does not have", "              validate: \"{{validate}}\"",
                        "              validation: \"{{validate}}\"",
                        "parameter validation is not an endpoint option of the hightouch component"),
                Arguments.of("an operation the component does not have", "enum: [\"createSource\", ",
                        "enum: [\"createSources\", ", "createSources is not an operation of the hightouch component"),
                Arguments.of("a sink that does not consume from kamelet:source", "uri: \"kamelet:source\"",
                        "uri: \"direct:source\"", "a sink must consume from kamelet:source"),
                Arguments.of("a file that is not YAML", "spec:\n", "spec: [\n", "is not valid YAML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void eachBrokenRuleIsReported(String rule, String good, String broken, String expected) {
        KameletFile sink = shipped("hightouch-sink.kamelet.yaml");
        assertThat(sink.text()).as("the good text to break").contains(good);
        KameletFile changed = new KameletFile(sink.fileName(), sink.text().replaceFirst(
                java.util.regex.Pattern.quote(good), java.util.regex.Matcher.quoteReplacement(broken)));

        assertThat(rules.check(List.of(changed))).as(rule).anySatisfy(problem ->
                assertThat(problem).startsWith("hightouch-sink.kamelet.yaml: ").contains(expected));
    }

    @Test
    void aSourceMustRouteToKameletSink() {
        KameletFile source = shipped("hightouch-sync-runs-source.kamelet.yaml");
        assertThat(source.text()).contains("- to: \"kamelet:sink\"");
        KameletFile changed = new KameletFile(source.fileName(),
                source.text().replace("- to: \"kamelet:sink\"", "- to: \"log:runs\""));

        assertThat(rules.check(List.of(changed))).anySatisfy(problem ->
                assertThat(problem).contains("a source must route to kamelet:sink"));
        assertThat(rules.check(List.of(source))).isEmpty();
    }

    @Test
    void twoKameletsMayNotShareATitleOrADescriptionOrDifferInCatalogVersion() {
        KameletFile sink = shipped("hightouch-sink.kamelet.yaml");
        KameletFile events = shipped("hightouch-events-sink.kamelet.yaml");
        assertThat(rules.check(List.of(sink, events))).isEmpty();
        KameletFile sameTitle = new KameletFile(events.fileName(),
                events.text().replace("title: \"Hightouch Events Sink\"", "title: \"Hightouch Sink\""));
        assertThat(rules.check(List.of(sink, sameTitle))).anySatisfy(problem ->
                assertThat(problem).contains("spec.definition.title is the same as in hightouch-sink.kamelet.yaml"));

        String version = sink.text().replaceAll("(?s).*catalog.version: \"([^\"]+)\".*", "$1");
        KameletFile otherVersion = new KameletFile(events.fileName(),
                events.text().replace("catalog.version: \"" + version + "\"", "catalog.version: \"0.0.1\""));
        assertThat(otherVersion.text()).isNotEqualTo(events.text());
        assertThat(rules.check(List.of(sink, otherVersion))).anySatisfy(problem ->
                assertThat(problem).contains("catalog.version differs between the Kamelets"));
    }

    private static KameletFile shipped(String fileName) {
        return shipped.stream().filter(f -> f.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new AssertionError(fileName + " is not shipped"));
    }
}
