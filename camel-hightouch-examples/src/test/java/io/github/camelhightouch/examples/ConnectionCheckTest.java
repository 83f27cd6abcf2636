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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --check} as a user runs it: against the stand-in the application starts itself, against a stand-in of the
 * test's own with a wrong key, and against a port nothing listens on. It prints what it found and imports nothing.
 */
@Timeout(60)
class ConnectionCheckTest {

    private static final String WRONG_KEY = "ht-wrong-key-for-check-5e71";
    private static final String WRITE_KEY = "wk-for-check-0b9d";

    @Test
    void againstTheStandInItSaysReachableKeyAcceptedAndNoSources() throws Exception {
        ExampleSettings settings = ExampleSettings.from(new String[] { "--check" }, Map.of(), new Properties());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ConnectionCheck.Outcome outcome = HightouchImportApplication.check(settings, print(printed));

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(outcome).isEqualTo(ConnectionCheck.Outcome.OK);
        assertThat(out).contains("Reachable: yes").contains("API key: accepted")
                .contains("Sources in the workspace: 0")
                // the stand-in has an Events API too: its host is checked, its key is not sent
                .contains("Events API: reachable").contains("Events write key: set, not checked")
                // nothing imported
                .doesNotContain("Importing").doesNotContain("Records read");
    }

    @Test
    void countsTheSourcesTheWorkspaceHas() throws Exception {
        try (LocalHightouch standIn = LocalHightouch.start()) {
            // one import run creates the stand-in's sources; a check against it then counts them
            ExampleSettings settings = ExampleSettings.from(new String[] { "--passes=1",
                    "--output=target/example-test/check-count" }, Map.of(), new Properties())
                    .withApi(standIn.apiKey(), standIn.baseUrl()).withEvents(null, null);
            HightouchImportApplication.run(settings, print(new ByteArrayOutputStream()));
            int sources = standIn.created("sources").size();
            assertThat(sources).isPositive();
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            ConnectionCheck.Outcome outcome = HightouchImportApplication.check(settings, print(printed));

            assertThat(outcome).isEqualTo(ConnectionCheck.Outcome.OK);
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Sources in the workspace: " + sources);
        }
    }

    @Test
    void aWrongKeyIsRejectedAndNeverPrinted() throws Exception {
        try (LocalHightouch standIn = LocalHightouch.start();
             CapturedLog log = CapturedLog.ofEveryLogger()) {
            ExampleSettings settings = ExampleSettings.from(new String[] { "--check" },
                    Map.of(ExampleSettings.ENV_API_KEY, WRONG_KEY, ExampleSettings.ENV_BASE_URL, standIn.baseUrl()),
                    new Properties());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            ConnectionCheck.Outcome outcome = HightouchImportApplication.check(settings, print(printed));

            String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(outcome).isEqualTo(ConnectionCheck.Outcome.KEY_REJECTED);
            assertThat(out).contains("Reachable: yes (HTTP 401)").contains("API key: rejected")
                    .doesNotContain("Sources in the workspace").doesNotContain(WRONG_KEY);
            List<String> lines = log.lines();
            // Camel's own start and stop lines at least: the capture works, and none has the key
            assertThat(lines).isNotEmpty().noneMatch(line -> line.contains(WRONG_KEY));
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int closedPort = closedPort();
        ExampleSettings settings = ExampleSettings.from(new String[] { "--check" },
                Map.of(ExampleSettings.ENV_API_KEY, WRONG_KEY,
                        ExampleSettings.ENV_BASE_URL, "http://127.0.0.1:" + closedPort + "/api/v1"),
                new Properties());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ConnectionCheck.Outcome outcome = HightouchImportApplication.check(settings, print(printed));

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(outcome).isEqualTo(ConnectionCheck.Outcome.UNREACHABLE);
        assertThat(out).contains("Reachable: no, unreachable").contains("127.0.0.1:" + closedPort)
                .contains("API key: not checked").doesNotContain(WRONG_KEY);
    }

    @Test
    void withAWriteKeyTheEventsHostIsCheckedWithoutTheKeyAndWithoutAnEvent() throws Exception {
        WireMockServer eventsHost = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        eventsHost.start();
        eventsHost.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(204)));
        try (LocalHightouch standIn = LocalHightouch.start()) {
            ExampleSettings settings = ExampleSettings.from(new String[] { "--check" },
                    Map.of(ExampleSettings.ENV_API_KEY, standIn.apiKey(), ExampleSettings.ENV_BASE_URL, standIn.baseUrl(),
                            ExampleSettings.ENV_WRITE_KEY, WRITE_KEY,
                            ExampleSettings.ENV_EVENTS_URL, "http://127.0.0.1:" + eventsHost.port()),
                    new Properties());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            ConnectionCheck.Outcome outcome = HightouchImportApplication.check(settings, print(printed));

            String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(outcome).isEqualTo(ConnectionCheck.Outcome.OK);
            assertThat(out).contains("API key: accepted").contains("Events API: reachable (HTTP 204")
                    .doesNotContain(WRITE_KEY);
            List<LoggedRequest> requests = eventsHost.findAll(anyRequestedFor(anyUrl()));
            assertThat(requests).hasSize(1).allSatisfy(request -> {
                assertThat(request.getMethod().getName()).isEqualTo("GET");
                assertThat(request.containsHeader("Authorization")).isFalse();
                assertThat(request.getBodyAsString()).isEmpty();
            });
        } finally {
            eventsHost.stop();
        }
    }

    @Test
    void anEventsHostThatDoesNotAnswerFailsTheCheck() throws Exception {
        int closedPort = closedPort();
        try (LocalHightouch standIn = LocalHightouch.start()) {
            ExampleSettings settings = ExampleSettings.from(new String[] { "--check" },
                    Map.of(ExampleSettings.ENV_API_KEY, standIn.apiKey(), ExampleSettings.ENV_BASE_URL, standIn.baseUrl(),
                            ExampleSettings.ENV_WRITE_KEY, WRITE_KEY,
                            ExampleSettings.ENV_EVENTS_URL, "http://127.0.0.1:" + closedPort),
                    new Properties());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            ConnectionCheck.Outcome outcome = HightouchImportApplication.check(settings, print(printed));

            String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(outcome).isEqualTo(ConnectionCheck.Outcome.UNREACHABLE);
            assertThat(out).contains("API key: accepted").contains("Events API: unreachable (http://127.0.0.1:" + closedPort)
                    .doesNotContain(WRITE_KEY);
        }
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static PrintStream print(ByteArrayOutputStream to) {
        return new PrintStream(to, true, StandardCharsets.UTF_8);
    }
}
