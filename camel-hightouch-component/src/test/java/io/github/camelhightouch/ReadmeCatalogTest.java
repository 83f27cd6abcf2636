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
package io.github.camelhightouch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's options and headers tables are generated from the component JSON that camel-component-maven-plugin
 * writes: this test fails when they disagree. Regenerate them with
 * {@code mvn -B -q test -pl camel-hightouch-component -Dtest=ReadmeCatalogTest -Dreadme.update=true}.
 */
class ReadmeCatalogTest {

    static final Path CATALOG = Path.of("src/generated/resources/META-INF/io/github/camelhightouch/hightouch.json");
    static final Path README = Path.of("../README.md");
    static final String BEGIN = "<!-- BEGIN generated from hightouch.json: do not edit, see ReadmeCatalogTest -->";
    static final String END = "<!-- END generated from hightouch.json -->";

    @Test
    void readmeTablesMatchTheComponentCatalog() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README has the generated section markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String expected = render(new ObjectMapper().readTree(CATALOG.toFile()));
        String actual = readme.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("readme.update") && !expected.equals(actual)) {
            Files.writeString(README, readme.substring(0, begin + BEGIN.length()) + expected + readme.substring(end),
                    StandardCharsets.UTF_8);
            actual = expected;
        }
        assertThat(actual).as("README tables vs hightouch.json; regenerate with -Dreadme.update=true")
                .isEqualTo(expected);
    }

    static String render(JsonNode catalog) {
        StringBuilder md = new StringBuilder("\n");
        md.append("### Component options\n\nSet on the component (`camel.component.hightouch.*`), shared by all its "
                  + "endpoints.\n\n");
        table(md, catalog.get("componentProperties"));
        md.append("\n### Endpoint options\n\nSyntax: `").append(catalog.get("component").get("syntax").asText())
                .append("`. Every option but the path can also be set on the component.\n\n");
        table(md, catalog.get("properties"));
        md.append("\n### Message headers\n\n| Header | Description | Type |\n|---|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = catalog.get("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            md.append("| `").append(header.getKey()).append("` | ").append(cell(header.getValue().path("description")))
                    .append(" | `").append(header.getValue().path("javaType").asText()).append("` |\n");
        }
        return md.append('\n').toString();
    }

    private static void table(StringBuilder md, JsonNode properties) {
        md.append("| Name | Description | Default | Type |\n|---|---|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> option = it.next();
            JsonNode o = option.getValue();
            String name = o.path("kind").asText().equals("path") ? option.getKey() + " (path)" : option.getKey();
            if (o.path("prefix").isTextual()) {
                name = option.getKey() + " (" + o.path("prefix").asText() + "*)";
            }
            String type = o.path("type").asText();
            if (o.has("enum")) {
                StringBuilder values = new StringBuilder();
                o.get("enum").forEach(v -> values.append(values.length() == 0 ? "" : ", ").append(v.asText()));
                type = "enum: " + values;
            }
            md.append("| `").append(name).append("`").append(o.path("required").asBoolean() ? " *" : "")
                    .append(o.path("secret").asBoolean() ? " (secret)" : "").append(" | ").append(cell(o.path("description")))
                    .append(" | ").append(o.has("defaultValue") ? "`" + o.get("defaultValue").asText() + "`" : "")
                    .append(" | ").append(type).append(" |\n");
        }
    }

    private static String cell(JsonNode text) {
        return text.asText().replace("|", "\\|").replace("\n", " ");
    }
}
