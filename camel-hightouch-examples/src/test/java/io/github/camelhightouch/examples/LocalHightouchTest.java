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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local Hightouch stand-in answers like the real API: created resources with ids, 401 without the key, 409 on a
 * duplicate slug, 422 with details on a bad body.
 */
class LocalHightouchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE
            = "{\"name\":\"Warehouse\",\"slug\":\"warehouse\",\"type\":\"postgres\",\"configuration\":{\"host\":\"db\"}}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalHightouch hightouch;

    @BeforeEach
    void start() {
        hightouch = LocalHightouch.start();
    }

    @AfterEach
    void stop() {
        hightouch.close();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(hightouch.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/api/v1");
    }

    @Test
    void createsResourcesWithIncrementingIdsAndTheSentFields() throws Exception {
        HttpResponse<String> source = post("/sources", SOURCE, hightouch.apiKey());
        HttpResponse<String> model = post("/models", "{\"name\":\"Customers\",\"slug\":\"customers\",\"sourceId\":"
                                                     + JSON.readTree(source.body()).get("id") + ",\"queryType\":\"raw_sql\","
                                                     + "\"raw\":{\"sql\":\"select 1\"},\"isSchema\":false,\"primaryKey\":\"id\"}",
                hightouch.apiKey());

        assertThat(source.statusCode()).isEqualTo(200);
        assertThat(model.statusCode()).isEqualTo(200);
        JsonNode createdSource = JSON.readTree(source.body());
        JsonNode createdModel = JSON.readTree(model.body());
        assertThat(createdSource.get("id").isIntegralNumber()).isTrue();
        assertThat(createdModel.get("id").asLong()).isGreaterThan(createdSource.get("id").asLong());
        assertThat(createdSource.get("slug").asText()).isEqualTo("warehouse");
        assertThat(createdSource.get("configuration").get("host").asText()).isEqualTo("db");
        assertThat(createdModel.get("sourceId")).isEqualTo(createdSource.get("id"));
        assertThat(createdModel.get("raw").get("sql").asText()).isEqualTo("select 1");
        assertThat(hightouch.created("sources")).hasSize(1);
        assertThat(hightouch.created("models")).hasSize(1);
    }

    @Test
    void answers401WithoutTheKeyOrWithAnotherOne() throws Exception {
        assertThat(post("/sources", SOURCE, null).statusCode()).isEqualTo(401);
        assertThat(post("/sources", SOURCE, "not-" + hightouch.apiKey()).statusCode()).isEqualTo(401);
        assertThat(post("/syncs/1/trigger", "{}", null).statusCode()).isEqualTo(401);
        assertThat(hightouch.created("sources")).isEmpty();
    }

    @Test
    void answers409OnADuplicateSlug() throws Exception {
        assertThat(post("/sources", SOURCE, hightouch.apiKey()).statusCode()).isEqualTo(200);

        HttpResponse<String> again = post("/sources", SOURCE, hightouch.apiKey());

        assertThat(again.statusCode()).isEqualTo(409);
        JsonNode body = JSON.readTree(again.body());
        assertThat(body.get("message").asText()).isEqualTo("Validation failed");
        assertThat(body.get("details").get("slug").asText()).contains("warehouse").contains("already exists");
        assertThat(hightouch.created("sources")).hasSize(1);
    }

    @Test
    void answers422WithDetailsOnABadBody() throws Exception {
        HttpResponse<String> response = post("/models",
                "{\"name\":\"Customers\",\"slug\":\"customers\",\"sourceId\":\"12\",\"queryType\":\"raw_sql\","
                                                        + "\"isSchema\":false,\"kind\":\"model\"}",
                hightouch.apiKey());

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("message").asText()).isEqualTo("Validation failed");
        JsonNode details = body.get("details");
        assertThat(details.get("primaryKey").asText()).isEqualTo("is required");
        assertThat(details.get("sourceId").asText()).isEqualTo("must be of type number");
        assertThat(details.get("kind").asText()).isEqualTo("is not allowed");
        assertThat(details.size()).isEqualTo(3);
        assertThat(hightouch.created("models")).isEmpty();
    }

    @Test
    void answers404OnOtherPaths() throws Exception {
        assertThat(post("/syncs/1/trigger", "{}", hightouch.apiKey()).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> post(String path, String body, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hightouch.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
