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
        assertThat(settings.passes()).isEqualTo(2);
        assertThat(settings.events()).isEqualTo("classpath:events.jsonl");
        assertThat(settings.sendsEvents()).isFalse();
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
    void theSyncIdComesFromAnArgumentElseASystemPropertyElseTheEnvironment() {
        Properties properties = new Properties();
        properties.setProperty("hightouch.example.syncId", "2");
        Map<String, String> env = Map.of("HIGHTOUCH_SYNC_ID", "3");

        assertThat(ExampleSettings.from(new String[] { "--syncId=1" }, env, properties).syncId()).isEqualTo("1");
        assertThat(ExampleSettings.from(new String[0], env, properties).syncId()).isEqualTo("2");
        assertThat(ExampleSettings.from(new String[0], env, new Properties()).syncId()).isEqualTo("3");
        assertThat(ExampleSettings.from(new String[0], Map.of(), new Properties()).syncId()).isNull();
    }

    @Test
    void theStandInTriggersItsOwnSyncWithQuickPollsAndTheRealApiNoneUnlessGiven() {
        ExampleSettings standIn = ExampleSettings.from(new String[0], Map.of(), new Properties()).withSyncDefaults();
        ExampleSettings real = ExampleSettings.from(new String[0], Map.of("HIGHTOUCH_API_KEY", "k-1"), new Properties())
                .withSyncDefaults();
        ExampleSettings realWithSync = ExampleSettings.from(new String[] { "--syncPollInterval=1500" },
                Map.of("HIGHTOUCH_API_KEY", "k-1", "HIGHTOUCH_SYNC_ID", "77"), new Properties()).withSyncDefaults();

        assertThat(standIn.syncId()).isEqualTo(LocalHightouch.SYNC_ID);
        assertThat(standIn.syncPollInterval()).isEqualTo(ExampleSettings.STAND_IN_POLL_INTERVAL);
        assertThat(standIn.syncTimeout()).isEqualTo(ExampleSettings.DEFAULT_SYNC_TIMEOUT);
        assertThat(standIn.standInRunStatus()).isEqualTo("success");
        assertThat(real.syncId()).isNull();
        assertThat(real.syncPollInterval()).isEqualTo(ExampleSettings.API_POLL_INTERVAL);
        assertThat(realWithSync.syncId()).isEqualTo("77");
        assertThat(realWithSync.syncPollInterval()).isEqualTo(1500L);
        // the stand-in's defaults stay when it gets its key and URL
        assertThat(standIn.withApi("local-key", "http://127.0.0.1:1/api/v1").syncId()).isEqualTo(LocalHightouch.SYNC_ID);
    }

    @Test
    void badSyncSettingsAreRefusedByName() {
        assertThatThrownBy(() -> ExampleSettings.from(new String[] { "--syncId=../7" }, Map.of(), new Properties()))
                .hasMessage("syncId: must be the number of a Hightouch sync, got '../7'");
        assertThatThrownBy(() -> ExampleSettings.from(new String[0], Map.of("HIGHTOUCH_SYNC_ID", "nightly"), new Properties()))
                .hasMessage("syncId: must be the number of a Hightouch sync, got 'nightly'");
        assertThatThrownBy(() -> ExampleSettings.from(new String[] { "--syncTimeout=0" }, Map.of(), new Properties()))
                .hasMessage("syncTimeout: must be a positive number of milliseconds, got '0'");
        assertThatThrownBy(() -> ExampleSettings.from(new String[] { "--syncPollInterval=fast" }, Map.of(), new Properties()))
                .hasMessage("syncPollInterval: must be a positive number of milliseconds, got 'fast'");
        assertThatThrownBy(() -> ExampleSettings.from(new String[] { "--standInRunStatus=done" }, Map.of(), new Properties()))
                .hasMessage("standInRunStatus: must be one of [success, warning, failed, cancelled, interrupted, processing], "
                            + "got 'done'");
    }

    @Test
    void theEventsKeyAndUrlComeFromTheEnvironmentAndAreNeverPrinted() {
        ExampleSettings settings = ExampleSettings.from(new String[] { "--passes=1", "--events=file:/data/e.jsonl" },
                Map.of("HIGHTOUCH_API_KEY", "k-1", "HIGHTOUCH_WRITE_KEY", "wk-9",
                        "HIGHTOUCH_EVENTS_URL", "https://eu-west-1.hightouch-events.com"), new Properties());

        assertThat(settings.sendsEvents()).isTrue();
        assertThat(settings.writeKey()).isEqualTo("wk-9");
        assertThat(settings.eventsUrl()).isEqualTo("https://eu-west-1.hightouch-events.com");
        assertThat(settings.passes()).isEqualTo(1);
        assertThat(settings.events()).isEqualTo("file:/data/e.jsonl");
        assertThat(settings.withApi("k-2", "http://127.0.0.1:1/api/v1").writeKey()).isEqualTo("wk-9");
        assertThat(settings.toString()).doesNotContain("wk-9").doesNotContain("k-1");
    }

    @Test
    void badPassesAreRefusedByName() {
        for (String passes : new String[] { "0", "11", "two", "-1" }) {
            assertThatThrownBy(() -> ExampleSettings.from(new String[] { "--passes=" + passes }, Map.of(), new Properties()))
                    .hasMessage("passes: must be a number from 1 to 10, got '" + passes + "'");
        }
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

    @Test
    void checkIsAFlagThatLeavesTheOtherSettingsAlone() {
        String[] args = { "--dsl=yaml", "--check" };

        ExampleSettings settings = ExampleSettings.from(args, Map.of(), new Properties());

        assertThat(ExampleSettings.checkRequested(args)).isTrue();
        assertThat(ExampleSettings.checkRequested(new String[] { "--dsl=yaml" })).isFalse();
        assertThat(settings.dsl()).isEqualTo(ExampleSettings.Dsl.YAML);
    }
}
