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
package io.github.camelhightouch.observe;

import java.util.List;
import java.util.Map;

import io.github.camelhightouch.internal.observe.LastErrors;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import io.github.camelhightouch.testing.HightouchStandIn;
import org.apache.camel.CamelContext;
import org.apache.camel.console.DevConsole;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hightouch dev console, resolved as Camel resolves dev consoles (META-INF/services/org/apache/camel/dev-console),
 * after known traffic: the figures, and the last failures bounded in number and length and without the key that a
 * server echoed in its error body.
 */
@Timeout(30)
class DevConsoleTest extends HightouchContextTestSupport {

    @Override
    protected void configure(CamelContext context) {
        component.getConfiguration().setMaxRetries(0);
    }

    private DevConsole console() {
        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("hightouch");
        assertThat(console).as("resolved by id").isNotNull();
        return console;
    }

    @Test
    void showsTheFiguresAndTheLastErrorsWithoutTheKey() {
        wireMock().stubFor(get(urlPathEqualTo(API + "/sources")).willReturn(okJson("{\"data\":[],\"hasMore\":false}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/models")).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"the key " + HightouchStandIn.API_KEY + " is not valid\"}")));
        assertThat(send("hightouch:listSources", null, Map.of()).getException()).isNull();
        assertThat(send("hightouch:listModels", null, Map.of()).getException()).isNotNull();

        String text = console().call(DevConsole.MediaType.TEXT).toString();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console().call(DevConsole.MediaType.JSON);

        // one limiter (the key), 200 per period, two requests spent
        assertThat(text).contains("Rate limiters: 1 (queued requests: 0, current rate: 200, free now: 198)")
                .contains("Run waits: 0").contains("HTTP pool: 0 leased").contains("64 max").contains("Events held: 0")
                .contains("Metrics: not recorded").contains("Last errors (1, newest first):")
                .contains("listModels 4xx (HTTP 401): {\"message\":\"the key ");
        assertThat(text).doesNotContain(HightouchStandIn.API_KEY_SECRET);
        String jsonText = Jsoner.serialize(json);
        assertThat(jsonText).doesNotContain(HightouchStandIn.API_KEY_SECRET);
        assertThat(json).containsEntry("activeWaits", 0).containsEntry("eventsHeld", 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> rateLimit = (Map<String, Object>) json.get("rateLimit");
        assertThat(rateLimit).containsEntry("limiters", 1).containsEntry("queuedRequests", 0)
                .containsEntry("currentRate", 200).containsEntry("tokensFree", 198);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) json.get("lastErrors");
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error).containsEntry("operation", "listModels").containsEntry("outcome", "4xx")
                    .containsEntry("status", 401);
            assertThat((String) error.get("message")).startsWith("{\"message\":\"the key ").contains("xxxxxx");
        });
    }

    @Test
    void anEventsAnswerEchoingTheBasicCredentialsDoesNotShowThem() {
        // base64 of "writeKey:" decodes to the write key: a proxy or server echoing the request's header gives it away
        String credentials = java.util.Base64.getEncoder().encodeToString(
                (HightouchStandIn.WRITE_KEY + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HIGHTOUCH.events().answerWith((n, batch) -> com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder
                .responseDefinition().withStatus(400)
                .withBody("{\"message\":\"bad Authorization: Basic " + credentials + "\"}").build());

        assertThat(send("hightouch:track?lingerMs=0", Map.of("userId", "u1", "event", "Viewed"), Map.of())
                .getException()).isNotNull();

        String text = console().call(DevConsole.MediaType.TEXT).toString();
        assertThat(text).contains("(HTTP 400): {\"message\":\"bad Authorization: Basic ");
        assertThat(text).doesNotContain(credentials).doesNotContain(HightouchStandIn.WRITE_KEY_SECRET);
        assertThat(Jsoner.serialize(console().call(DevConsole.MediaType.JSON))).doesNotContain(credentials);
    }

    @Test
    void keepsTheLastFailuresOnlyAndCutsLongMessages() {
        wireMock().stubFor(get(urlPathEqualTo(API + "/models")).willReturn(aResponse().withStatus(500)
                .withBody("{\"message\":\"" + "x".repeat(5000) + "\"}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/sources")).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"last one\"}")));
        for (int i = 0; i < LastErrors.CAPACITY + 5; i++) {
            send("hightouch:listModels", null, Map.of());
        }
        send("hightouch:listSources", null, Map.of());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) ((Map<String, Object>) console()
                .call(DevConsole.MediaType.JSON)).get("lastErrors");

        assertThat(errors).hasSize(LastErrors.CAPACITY);
        assertThat(errors.get(0)).containsEntry("operation", "listSources").containsEntry("status", 404);
        for (Map<String, Object> error : errors) {
            assertThat(((String) error.get("message")).length()).isLessThanOrEqualTo(LastErrors.MAX_MESSAGE);
        }
    }
}
