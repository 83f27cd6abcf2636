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
package io.github.camelhightouch.breaker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's manual-mode example: files picked up by Camel's file component go to raw with contentType=text/csv,
 * sent as they are. The body a file consumer gives is a GenericFile, not a String, byte[] or stream.
 */
class RawFileBodyTest extends HightouchTestSupport {

    private static final String CSV = "id,email\n1,a@example.com\n2,b@example.com\n";
    private static final Path EXPORTS = exports();
    private static final List<Exchange> DONE = new CopyOnWriteArrayList<>();

    private static Path exports() {
        try {
            Path dir = Files.createTempDirectory("hightouch-exports");
            Files.writeString(dir.resolve("users.csv"), CSV, StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeExports() throws IOException {
        try (var files = Files.list(EXPORTS)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(EXPORTS);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        wireMock().stubFor(any(anyUrl()).willReturn(okJson("{\"ok\":true}")));
        HIGHTOUCH.allowOffContract("POST", "/api/v1/some/upload");
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(DONE::add);
                from("file:" + EXPORTS + "?noop=true&include=.*\\.csv&initialDelay=0&delay=50")
                        .to("hightouch:raw?url=/some/upload&httpMethod=POST&contentType=text/csv")
                        .process(DONE::add);
            }
        };
    }

    @Test
    void aCsvFileIsSentAsItIs() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (DONE.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(DONE).as("the file was routed").isNotEmpty();
        Exchange exchange = DONE.get(0);
        assertThat(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)).isNull();
        assertThat(HIGHTOUCH.requests()).hasSize(1);
        assertThat(HIGHTOUCH.requests().get(0).getBodyAsString()).isEqualTo(CSV);
        assertThat(HIGHTOUCH.requests().get(0).getHeader("Content-Type")).startsWith("text/csv");
    }
}
