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
package io.github.camelhightouch.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelhightouch.internal.progress.ProgressLog;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import io.github.camelhightouch.testing.LogCapture;
import io.github.camelhightouch.testing.LogLevels;
import org.apache.camel.Exchange;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress of a long list read (a line every 10 pages and one at the end) and of a long List body (a line every
 * 100 elements and one at the end); short ones log nothing; OFF logs nothing; the key is in no line at DEBUG.
 */
@Timeout(60)
class ListAndBatchProgressTest extends HightouchContextTestSupport {

    private static List<String> progress() {
        return LOGS.lines().stream().filter(line -> line.logger().equals(ProgressLog.LOGGER_NAME))
                .map(LogCapture.Line::message).toList();
    }

    private static void stubPages(int pages) {
        for (int p = 0; p < pages; p++) {
            String data = "{\"id\":" + (2 * p + 1) + ",\"slug\":\"a" + p + "\"},{\"id\":" + (2 * p + 2) + ",\"slug\":\"b" + p + "\"}";
            wireMock().stubFor(get(urlPathEqualTo(API + "/syncs")).withQueryParam("offset", equalTo(String.valueOf(2 * p)))
                    .withQueryParam("limit", equalTo("2"))
                    .willReturn(okJson("{\"data\":[" + data + "],\"hasMore\":" + (p + 1 < pages) + "}")));
        }
    }

    @Test
    void aListOf25PagesLogsAfterThe10thAnd20thPageAndAtItsEnd() {
        stubPages(25);

        Exchange exchange;
        try (LogLevels debug = LogLevels.everyLoggerAt(Level.DEBUG)) {
            exchange = send("hightouch:listSyncs?limit=2", null, Map.of());
        }

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).hasSize(50);
        List<String> lines = progress();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("Hightouch listSyncs (GET http://127.0.0.1:")
                .containsPattern(": 20 items in 10 pages after \\d+ ms, reading on$");
        assertThat(lines.get(1)).containsPattern(": 40 items in 20 pages after \\d+ ms, reading on$");
        assertThat(lines.get(2)).containsPattern(": read 50 items in 25 pages after \\d+ ms$");
    }

    @Test
    void aListOfFewerThan10PagesLogsNothingAndOffLogsNothing() {
        stubPages(9);
        assertThat(send("hightouch:listSyncs?limit=2", null, Map.of()).getException()).isNull();
        assertThat(progress()).isEmpty();

        wireMock().resetAll();
        stubPages(30);
        assertThat(send("hightouch:listSyncs?limit=2&progressLoggingLevel=OFF", null, Map.of()).getException()).isNull();
        assertThat(progress()).isEmpty();
    }

    private static List<Map<String, Object>> sources(int count) {
        List<Map<String, Object>> sources = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sources.add(Map.of("name", "Source " + i, "slug", "s" + i, "type", "postgres", "configuration", Map.of()));
        }
        return sources;
    }

    @Test
    void aListBodyOf250ElementsLogsEvery100AndAtItsEnd() {
        wireMock().stubFor(post(urlPathEqualTo(API + "/sources")).willReturn(okJson("{\"id\":1,\"slug\":\"s\"}")));

        Exchange exchange = send("hightouch:createSource", sources(250), Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(progress()).extracting(line -> line.replaceAll(" after \\d+ ms$", " after N ms"))
                .containsExactly("Hightouch createSource: 100 of 250 elements done after N ms",
                        "Hightouch createSource: 200 of 250 elements done after N ms",
                        "Hightouch createSource: 250 of 250 elements done after N ms");
    }

    @Test
    void aListBodyOf200ConvergingElementsLogsTwiceAndOneOf99LogsNothing() {
        wireMock().stubFor(get(urlPathEqualTo(API + "/sources")).willReturn(okJson("{\"data\":[],\"hasMore\":false}")));
        wireMock().stubFor(post(urlPathEqualTo(API + "/sources")).willReturn(okJson("{\"id\":1,\"slug\":\"s\"}")));

        assertThat(send("hightouch:createSource?onConflict=skip", sources(99), Map.of()).getException()).isNull();
        assertThat(progress()).isEmpty();

        assertThat(send("hightouch:createSource?onConflict=skip", sources(200), Map.of()).getException()).isNull();
        assertThat(progress()).extracting(line -> line.replaceAll(" after \\d+ ms$", ""))
                .containsExactly("Hightouch createSource: 100 of 200 elements done",
                        "Hightouch createSource: 200 of 200 elements done");
    }
}
