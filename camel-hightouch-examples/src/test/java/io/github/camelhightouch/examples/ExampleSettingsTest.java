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
import java.util.Map;
import java.util.Properties;

import io.github.camelhightouch.examples.ExampleSettings.Dsl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExampleSettingsTest {

    @Test
    void defaultsToTheJavaRouteTheShippedRecordsAndTheStandIn() {
        ExampleSettings settings = ExampleSettings.from(new String[0], Map.of(), new Properties());

        assertThat(settings.dsl()).isEqualTo(Dsl.JAVA);
        assertThat(settings.records()).isEqualTo("classpath:records.jsonl");
        assertThat(settings.output()).isEqualTo(Path.of("target/hightouch-example").toAbsolutePath());
        assertThat(settings.usesRealApi()).isFalse();
    }

    @Test
    void anArgumentWinsOverASystemProperty() {
        Properties properties = new Properties();
        properties.setProperty("hightouch.example.dsl", "yaml");
        properties.setProperty("hightouch.example.records", "file:/data/a.jsonl");

        ExampleSettings settings = ExampleSettings.from(new String[] { "--records=file:/data/b.jsonl" }, Map.of(), properties);

        assertThat(settings.dsl()).isEqualTo(Dsl.YAML);
        assertThat(settings.records()).isEqualTo("file:/data/b.jsonl");
    }

    @Test
    void theApiComesFromTheEnvironmentAndABlankKeyMeansTheStandIn() {
        ExampleSettings real = ExampleSettings.from(new String[0],
                Map.of("HIGHTOUCH_API_KEY", "k-1", "HIGHTOUCH_BASE_URL", "https://eu.example/api/v1"), new Properties());
        ExampleSettings blank = ExampleSettings.from(new String[0], Map.of("HIGHTOUCH_API_KEY", " "), new Properties());

        assertThat(real.usesRealApi()).isTrue();
        assertThat(real.apiKey()).isEqualTo("k-1");
        assertThat(real.baseUrl()).isEqualTo("https://eu.example/api/v1");
        assertThat(real.toString()).doesNotContain("k-1");
        assertThat(blank.usesRealApi()).isFalse();
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> ExampleSettings.from(new String[] { "--dsl=xml" }, Map.of(), new Properties()))
                .hasMessageContaining("dsl: must be java or yaml, got 'xml'");
        assertThatThrownBy(() -> ExampleSettings.from(new String[] { "--apiKey=k" }, Map.of(), new Properties()))
                .hasMessageContaining("unknown option --apiKey");
        assertThatThrownBy(() -> ExampleSettings.from(new String[] { "yaml" }, Map.of(), new Properties()))
                .hasMessageContaining("arguments: expected --dsl=java|yaml");
    }
}
