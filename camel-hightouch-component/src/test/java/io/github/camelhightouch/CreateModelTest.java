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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * hightouch:createModel: the exact request for each queryType, and the conversion of CSV-like strings.
 */
class CreateModelTest extends HightouchTestSupport {

    static Stream<Arguments> queryTypes() {
        return Stream.of(
                Arguments.of("raw_sql", "raw", Map.of("sql", "select * from users")),
                Arguments.of("table", "table", Map.of("name", "public.users")),
                Arguments.of("custom", "custom", Map.of("query", Map.of("base", "app", "table", "users"))),
                Arguments.of("visual", "visual", Map.of("filter", Map.of("conditions", List.of()), "parentId", 7)),
                Arguments.of("dbt", "dbt", Map.of("modelId", 31)),
                Arguments.of("dbt_cloud", "dbt_cloud", Map.of("modelId", 32)));
    }

    @ParameterizedTest(name = "queryType {0}")
    @MethodSource("queryTypes")
    void sendsTheExactRequestForEachQueryType(String queryType, String queryObject, Map<String, Object> query) {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/models"))
                .willReturn(okJson("{\"id\":77,\"slug\":\"users\",\"queryType\":\"" + queryType + "\",\"brandNew\":true}")));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", "Users");
        record.put("slug", "users");
        record.put("queryType", queryType);
        record.put("sourceId", 12);
        record.put("isSchema", false);
        record.put("primaryKey", "id");
        record.put(queryObject, query);
        record.put("folderId", "f-1");

        Exchange exchange = send("hightouch:createModel", record);

        assertThat(exchange.getException()).isNull();
        List<LoggedRequest> requests = HIGHTOUCH.requests();
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo("/api/v1/models");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + HightouchStandIn.API_KEY);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
        assertThat(bodyOf(request)).isEqualTo(JSON.valueToTree(record));
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("id", 77).containsEntry("brandNew", true);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(77);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(200);
    }

    @Test
    void convertsNumericAndBooleanStringsWithoutChangingTheMessage() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/models")).willReturn(okJson("{\"id\":78}")));
        Map<String, Object> record = model("csv");
        record.put("sourceId", "12");
        record.put("isSchema", "true");
        record.put("raw", Map.of("sql", "select 1"));

        Exchange exchange = send("hightouch:createModel", record);

        assertThat(exchange.getException()).isNull();
        JsonNode sent = bodyOf(HIGHTOUCH.requests().get(0));
        assertThat(sent.get("sourceId").isNumber()).isTrue();
        assertThat(sent.get("sourceId").intValue()).isEqualTo(12);
        assertThat(sent.get("isSchema").isBoolean()).isTrue();
        assertThat(sent.get("isSchema").booleanValue()).isTrue();
        assertThat(sent.get("slug").asText()).isEqualTo("csv");
        // the conversion worked on a copy: the application's record is as it was
        assertThat(record).containsEntry("sourceId", "12").containsEntry("isSchema", "true");
    }

    @Test
    void convertsStringsInAJsonTextBody() {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/models")).willReturn(okJson("{\"id\":79}")));
        String record = """
                {"name":"Users","slug":"users","queryType":"dbt","sourceId":"12","isSchema":"false",
                 "primaryKey":"id","dbt":{"modelId":"31"}}""";

        Exchange exchange = send("hightouch:createModel", record);

        assertThat(exchange.getException()).isNull();
        assertThat(bodyOf(HIGHTOUCH.requests().get(0))).isEqualTo(json("""
                {"name":"Users","slug":"users","queryType":"dbt","sourceId":12,"isSchema":false,
                 "primaryKey":"id","dbt":{"modelId":31}}"""));
    }
}
