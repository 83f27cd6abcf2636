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

import java.util.Map;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchRunIdUnknownException;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trigger answered with an id that is no id ({@code ""}, blanks, an object, an array, a boolean) was taken as the
 * run id {@code ""}, {@code "{x=1}"}, {@code "true"}: the wait then polled {@code ?runId={x=1}} for a run that can
 * never match until its timeout (an hour by default), and {@code CamelHightouchIdrRunId} held the garbage. Such an
 * answer must fail at once as an unknown run id, as an answer without an id does, with no poll sent.
 */
@Timeout(60)
class GarbageRunIdTest extends HightouchContextTestSupport {

    @ParameterizedTest
    @ValueSource(strings = { "{\"id\":\"\"}", "{\"id\":\"   \"}", "{\"id\":{\"x\":1}}", "{\"id\":[\"r1\"]}",
                             "{\"id\":true}" })
    void aTriggerAnsweredWithAnIdThatIsNoIdFailsAtOnceWithoutPolling(String answer) {
        wireMock().stubFor(post(urlPathEqualTo(API + "/idr/g1/trigger")).willReturn(okJson(answer)));
        wireMock().stubFor(get(urlPathMatching(API + "/idr/g1/runs.*")).willReturn(okJson("{\"data\":[],\"hasMore\":false}")));

        Exchange exchange = send("hightouch:triggerIdrRun?graphId=g1&waitForCompletion=true&pollInterval=50&timeout=3000",
                "body", Map.of());

        assertThat(exchange.getException()).as("answer %s", answer).isInstanceOf(HightouchRunIdUnknownException.class);
        wireMock().verify(0, getRequestedFor(urlPathMatching(API + "/idr/g1/runs.*")));
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_RUN_ID)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"id\":\"\"}", "{\"id\":{\"x\":1}}" })
    void aSyncTriggerAnsweredWithAnIdThatIsNoIdFailsAtOnceToo(String answer) {
        wireMock().stubFor(post(urlPathEqualTo(API + "/syncs/42/trigger")).willReturn(okJson(answer)));
        wireMock().stubFor(get(urlPathMatching(API + "/syncs/42/runs.*")).willReturn(okJson("{\"data\":[],\"hasMore\":false}")));

        Exchange exchange = send("hightouch:triggerSync?syncId=42&waitForCompletion=true&pollInterval=50&timeout=3000",
                "body", Map.of());

        assertThat(exchange.getException()).as("answer %s", answer).isInstanceOf(HightouchRunIdUnknownException.class);
        wireMock().verify(0, getRequestedFor(urlPathMatching(API + "/syncs/42/runs.*")));
    }
}
