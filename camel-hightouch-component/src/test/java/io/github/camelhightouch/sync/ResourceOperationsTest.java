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
package io.github.camelhightouch.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import io.github.camelhightouch.testing.HightouchStandIn;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class ResourceOperationsTest extends HightouchContextTestSupport {

    @Test
    void getsEachKindOfResourceByIdOption() {
        for (String kind : List.of("sources", "models", "destinations", "syncs")) {
            wireMock().stubFor(get(API + "/" + kind + "/5").willReturn(okJson("{\"id\":5,\"kind\":\"" + kind + "\",\"x\":1}")));
        }
        Map<String, String> uris = Map.of("sources", "hightouch:getSource?sourceId=5", "models",
                "hightouch:getModel?modelId=5", "destinations", "hightouch:getDestination?destinationId=5", "syncs",
                "hightouch:getSync?syncId=5");

        uris.forEach((kind, uri) -> {
            Exchange exchange = send(uri, null, Map.of());
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("kind", kind);
            assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(5);
            assertThat(exchange.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(200);
            wireMock().verify(getRequestedFor(urlEqualTo(API + "/" + kind + "/5"))
                    .withHeader("Authorization", equalTo("Bearer " + HightouchStandIn.API_KEY)));
        });
    }

    @Test
    void theIdHeaderWinsOverTheOption() {
        wireMock().stubFor(get(API + "/models/8").willReturn(okJson("{\"id\":8}")));

        Exchange exchange = send("hightouch:getModel?modelId=5", null, Map.of(HightouchConstants.MODEL_ID, 8L));

        assertThat(exchange.getException()).isNull();
        wireMock().verify(1, getRequestedFor(urlEqualTo(API + "/models/8")));
        wireMock().verify(0, getRequestedFor(urlEqualTo(API + "/models/5")));
    }

    @Test
    void onlyPlainIdsAreAccepted() {
        Exchange traversal = send("hightouch:getSource", null, Map.of(HightouchConstants.SOURCE_ID, "../syncs/1"));
        Exchange object = send("hightouch:getSource", null, Map.of(HightouchConstants.SOURCE_ID, Map.of("id", 1)));
        Exchange missing = send("hightouch:getSync", null, Map.of());

        assertThat(traversal.getException()).isInstanceOf(HightouchValidationException.class)
                .hasMessageContaining("header CamelHightouchSourceId: must be a Hightouch id (digits only)");
        assertThat(object.getException()).hasMessageContaining("must be a string or a number (a plain id)");
        assertThat(missing.getException()).hasMessageContaining("syncId: is required for hightouch:getSync")
                .hasMessageContaining(HightouchConstants.SYNC_ID);
        assertThat(wireMock().getAllServeEvents()).isEmpty();
        assertThatThrownBy(() -> template.sendBody("hightouch:getSync?syncId=1%2F2", null))
                .hasStackTraceContaining("syncId: must be a Hightouch id (digits only)");
    }

    @Test
    void updatesSendOnlyTheFieldsTheApiAccepts() {
        wireMock().stubFor(patch(anyUrl()).willReturn(okJson("{\"id\":5,\"name\":\"renamed\"}")));
        Map<String, Object> sync = new LinkedHashMap<>();
        sync.put("schedule", null);
        sync.put("disabled", "true");

        Exchange source = send("hightouch:updateSource", Map.of("name", "renamed", "configuration", Map.of("port", "5433")),
                Map.of(HightouchConstants.SOURCE_ID, "5"));
        Exchange model = send("hightouch:updateModel?modelId=6", "{\"primaryKey\":\"id\",\"raw\":{\"sql\":\"select 1\"}}",
                Map.of());
        Exchange destination = send("hightouch:updateDestination?destinationId=7", Map.of("name", "crm"), Map.of());
        Exchange syncUpdate = send("hightouch:updateSync?syncId=8", sync, Map.of());

        assertThat(List.of(source, model, destination, syncUpdate)).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(source.getMessage().getBody(Map.class)).containsEntry("name", "renamed");
        assertThat(source.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(5);
        wireMock().verify(patchRequestedFor(urlEqualTo(API + "/sources/5"))
                .withRequestBody(equalToJson("{\"name\":\"renamed\",\"configuration\":{\"port\":\"5433\"}}")));
        wireMock().verify(patchRequestedFor(urlEqualTo(API + "/models/6"))
                .withRequestBody(equalToJson("{\"primaryKey\":\"id\",\"raw\":{\"sql\":\"select 1\"}}")));
        wireMock().verify(patchRequestedFor(urlEqualTo(API + "/destinations/7")).withRequestBody(equalToJson("{\"name\":\"crm\"}")));
        // CSV-like "true" becomes a boolean; a null schedule is sent as null
        wireMock().verify(patchRequestedFor(urlEqualTo(API + "/syncs/8"))
                .withRequestBody(equalToJson("{\"schedule\":null,\"disabled\":true}")));
    }

    @Test
    void invalidUpdatesAreRefusedWithoutARequest() {
        Map<String, Object> record = Map.of("slug", "cannot-change", "name", "");

        Exchange source = send("hightouch:updateSource?sourceId=5", record, Map.of());
        Exchange empty = send("hightouch:updateDestination?destinationId=5", Map.of(), Map.of());
        Exchange model = send("hightouch:updateModel?modelId=5", Map.of("queryType", "raw_sql"), Map.of());

        HightouchValidationException error = (HightouchValidationException) source.getException();
        assertThat(error.getViolations()).extracting(HightouchValidationException.Violation::field)
                .contains("slug", "name");
        assertThat(source.getMessage().getBody()).isSameAs(record);
        assertThat(empty.getException()).hasMessageContaining("must have at least one of name, configuration");
        assertThat(model.getException()).hasMessageContaining("queryType: is not allowed");
        assertThat(wireMock().getAllServeEvents()).isEmpty();
    }

    @Test
    void createsDestinationsAndSyncs() {
        wireMock().stubFor(post(API + "/destinations").willReturn(okJson("{\"id\":31,\"slug\":\"crm\"}")));
        wireMock().stubFor(post(API + "/syncs").willReturn(okJson("{\"id\":32,\"slug\":\"nightly\"}")));
        Map<String, Object> sync = new LinkedHashMap<>();
        sync.put("slug", "nightly");
        sync.put("configuration", Map.of("mode", "upsert"));
        sync.put("destinationId", "31");
        sync.put("modelId", 4);
        sync.put("schedule", null);
        sync.put("disabled", false);

        Exchange destination = send("hightouch:createDestination",
                Map.of("name", "CRM", "slug", "crm", "type", "webhook", "configuration", Map.of("url", "https://x")), Map.of());
        Exchange created = send("hightouch:createSync", sync, Map.of());

        assertThat(destination.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(31);
        assertThat(created.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo(32);
        wireMock().verify(postRequestedFor(urlEqualTo(API + "/syncs")).withRequestBody(equalToJson(
                "{\"slug\":\"nightly\",\"configuration\":{\"mode\":\"upsert\"},\"destinationId\":31,\"modelId\":4,"
                                                                                            + "\"schedule\":null,\"disabled\":false}")));
    }

    @Test
    void aSyncWithoutScheduleIsRefused() {
        Exchange exchange = send("hightouch:createSync", Map.of("slug", "s", "configuration", Map.of(), "destinationId", 1,
                "modelId", 2, "disabled", false), Map.of());

        assertThat(exchange.getException()).hasMessageContaining("schedule: is required (null for a sync");
        assertThat(wireMock().getAllServeEvents()).isEmpty();
    }

    @Test
    void optionsThatDoNotFitTheOperationAreRefusedAtStart() {
        assertThatThrownBy(() -> template.sendBody("hightouch:getSync?syncId=1&waitForCompletion=true", null))
                .hasStackTraceContaining("waitForCompletion: is only for triggerSync, triggerSyncSequence and triggerIdrRun");
        assertThatThrownBy(() -> template.sendBody("hightouch:getSource?sourceId=1&limit=5", null))
                .hasStackTraceContaining("limit: is only for list operations");
        assertThatThrownBy(() -> template.sendBody("hightouch:getSyncRun?syncId=1&resetCDC=true", null))
                .hasStackTraceContaining("resetCDC: is only for triggerSync");
        assertThatThrownBy(() -> template.sendBody("hightouch:triggerSync?syncId=1&syncSlug=s", null))
                .hasStackTraceContaining("syncId, syncSlug: set one of them");
        assertThatThrownBy(() -> template.sendBody("hightouch:syncRuns?syncId=1", null))
                .hasStackTraceContaining("hightouch:syncRuns is a consumer");
        assertThat(wireMock().getAllServeEvents()).isEmpty();
    }

    @Test
    void theOperationsTellWhetherTheyMayBeRepeated() {
        assertThat(HightouchOperation.triggerSync.isIdempotent()).isFalse();
        assertThat(HightouchOperation.triggerSyncSequence.isIdempotent()).isFalse();
        assertThat(HightouchOperation.createSync.isIdempotent()).isFalse();
        assertThat(HightouchOperation.createDestination.isCreate()).isTrue();
        assertThat(HightouchOperation.getSyncRun.isIdempotent()).isTrue();
        assertThat(HightouchOperation.updateSync.isIdempotent()).isTrue();
        assertThat(HightouchOperation.listSyncs.isIdempotent()).isTrue();
    }

    @Test
    void theContractCheckCatchesARequestOutsideTheSpec() {
        wireMock().stubFor(post(anyUrl()).willReturn(okJson("{\"id\":\"1\"}")));

        send("hightouch:raw?url=/syncs/42/trigger", "{\"fullResync\":\"yes\"}", Map.of());

        assertThat(HIGHTOUCH.contractViolations()).isNotEmpty();
        // acknowledged: the violation was the point of this test
        HIGHTOUCH.forgetRequests();
    }
}
