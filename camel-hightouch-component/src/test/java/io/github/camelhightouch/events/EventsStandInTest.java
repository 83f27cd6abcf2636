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
package io.github.camelhightouch.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.camelhightouch.testing.EventsStandIn;
import io.github.camelhightouch.testing.HightouchStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stand-in's Events API refuses what Hightouch refuses, so that the component's tests against it mean something:
 * a wrong or missing write key, a Bearer token, a malformed batch, an event over 32 KB, a batch of 500 KB or more.
 */
class EventsStandInTest {

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(HIGHTOUCH.eventsUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String event(String messageId, int padding) {
        return "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"messageId\":\"" + messageId
               + "\",\"properties\":{\"pad\":\"" + "x".repeat(padding) + "\"}}";
    }

    @Test
    void aGoodBatchIsAcceptedAndRecorded() throws Exception {
        HttpResponse<String> answer = post("/v1/batch", basic(HightouchStandIn.WRITE_KEY),
                "{\"batch\":[" + event("m1", 1) + "," + event("m2", 1) + "],\"sentAt\":\"2026-01-01T00:00:00Z\"}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(HIGHTOUCH.events().acceptedMessageIds()).containsExactly("m1", "m2");
        assertThat(HIGHTOUCH.events().accepted()).singleElement().satisfies(b -> assertThat(b.size()).isEqualTo(2));
    }

    @Test
    void aRepeatedMessageIdIsCountedAsADuplicate() throws Exception {
        String body = "{\"batch\":[" + event("m1", 1) + "]}";
        post("/v1/batch", basic(HightouchStandIn.WRITE_KEY), body);
        post("/v1/batch", basic(HightouchStandIn.WRITE_KEY), body);

        assertThat(HIGHTOUCH.events().duplicates()).containsEntry("m1", 2);
    }

    @Test
    void theWriteKeyIsCheckedAsBasicWithAnEmptyPassword() throws Exception {
        String body = "{\"batch\":[" + event("m1", 1) + "]}";

        assertThat(post("/v1/batch", null, body).statusCode()).isEqualTo(401);
        assertThat(post("/v1/batch", basic("other"), body).statusCode()).isEqualTo(401);
        assertThat(post("/v1/batch", "Basic " + Base64.getEncoder().encodeToString(
                (HightouchStandIn.WRITE_KEY + ":secret").getBytes(StandardCharsets.UTF_8)), body).statusCode())
                .isEqualTo(401);
        assertThat(post("/v1/batch", "Bearer " + HightouchStandIn.WRITE_KEY, body).statusCode()).isEqualTo(401);
        assertThat(HIGHTOUCH.events().accepted()).isEmpty();
        // the check after each test sees the Bearer token on the events path, and would fail this test
        assertThat(HIGHTOUCH.contractViolations()).singleElement().asString()
                .contains("an events request carries a Bearer token");
        HIGHTOUCH.forgetRequests();
    }

    @Test
    void malformedBatchesAreA400() throws Exception {
        String key = basic(HightouchStandIn.WRITE_KEY);
        for (String body : new String[] { "", "not json", "[]", "{\"batch\":{}}", "{\"batch\":[]}", "{\"batch\":[1]}",
            "{\"batch\":[{\"type\":\"nope\",\"messageId\":\"m\"}]}", "{\"batch\":[{\"type\":\"track\"}]}" }) {
            assertThat(post("/v1/batch", key, body).statusCode()).as(body).isEqualTo(400);
        }
        assertThat(HIGHTOUCH.events().accepted()).isEmpty();
    }

    @Test
    void sizesAreEnforced() throws Exception {
        String key = basic(HightouchStandIn.WRITE_KEY);
        HttpResponse<String> bigEvent = post("/v1/batch", key, "{\"batch\":[" + event("m1", EventsStandIn.MAX_EVENT_BYTES) + "]}");
        StringBuilder big = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 20; i++) {
            big.append(i > 0 ? "," : "").append(event("m" + i, 30_000));
        }
        HttpResponse<String> bigBatch = post("/v1/batch", key, big.append("]}").toString());

        assertThat(bigEvent.statusCode()).isEqualTo(400);
        assertThat(bigEvent.body()).contains("32 KB");
        assertThat(bigBatch.statusCode()).isEqualTo(400);
        assertThat(bigBatch.body()).contains("500 KB");
    }

    @Test
    void singleEventPathsTakeTheirType() throws Exception {
        String key = basic(HightouchStandIn.WRITE_KEY);

        assertThat(post("/v1/identify", key, "{\"userId\":\"u\",\"messageId\":\"m\"}").statusCode()).isEqualTo(200);
        assertThat(post("/v1/identify", key, "{\"type\":\"track\",\"userId\":\"u\",\"messageId\":\"m\"}").statusCode())
                .isEqualTo(400);
    }
}
