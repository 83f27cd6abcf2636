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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An optional field set to null: Hightouch's description makes none of the fields of the newer bodies nullable (only
 * a sync's schedule is), so {@code {"name": null}} is a body Hightouch does not document. It must be refused before
 * sending, naming the field, not sent (and, for an update, not count as "something to update").
 */
@Timeout(30)
class NullFieldsTest extends HightouchContextTestSupport {

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private void assertRefused(String uri, Map<String, Object> body, String... fields) {
        wireMock().stubFor(any(anyUrl()).willReturn(okJson("{\"id\":\"x\"}")));

        Exchange exchange = send(uri, body, Map.of());

        assertThat(HIGHTOUCH.requests()).as("requests sent for a body with null fields").isEmpty();
        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(((HightouchValidationException) exchange.getException()).getViolations()).extracting(Violation::field)
                .contains(fields);
        assertThat(exchange.getMessage().getBody()).isSameAs(body);
    }

    @Test
    void anUpdateOfANullNameIsRefused() {
        assertRefused("hightouch:updateEventContract?contractId=ec_1", map("name", null), "name");
    }

    @Test
    void nullOptionalFieldsOfACreateAreRefused() {
        assertRefused("hightouch:createFlowMessage?flowId=f1",
                map("name", "Spring", "channelId", "email", "config", Map.of(), "tags", null,
                        "guardrails", map("maxSendsPerUser", null)),
                "tags", "guardrails.maxSendsPerUser");
    }

    @Test
    void aNullDraftOfACampaignTriggerIsRefused() {
        assertRefused("hightouch:triggerCampaign?campaignId=c1",
                map("recipients", List.of(map("id", "u", "properties", null)), "draft", null),
                "recipients[0].properties", "draft");
    }

    @Test
    void aNullBlockOfAReprocessingRequestIsRefused() {
        assertRefused("hightouch:queueIdrReprocessing?graphId=g1",
                map("identifiers", List.of(map("identifier", "email", "value", "a@b.com")), "block", null), "block");
    }

    @Test
    void theScheduleOfASyncStaysNullableAsHightouchDescribesIt() {
        wireMock().stubFor(patch(anyUrl()).willReturn(okJson("{\"id\":42}")));

        Exchange exchange = send("hightouch:updateSync?syncId=42", map("schedule", null), Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).hasSize(1);
    }
}
