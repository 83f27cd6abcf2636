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
package io.github.camelhightouch.rest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelhightouch.HightouchValidationException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bodies of the new creates, updates and triggers may be of any type the other creates take (JSON text, bytes,
 * a stream, a Map, a JsonNode, a POJO): each gives the same validated request; a refused stream stays readable for
 * the error handler; a body over maxBodySize is refused before anything is sent.
 */
@Timeout(30)
class RestBodyTypesTest extends RestTestSupport {

    private static final String MESSAGE = "{\"name\":\"Spring sale\",\"channelId\":\"email\",\"config\":{\"template\":\"t1\"}}";

    /** A POJO with the fields of a flow message. */
    public static final class FlowMessage {
        private final String name = "Spring sale";
        private final String channelId = "email";
        private final Map<String, Object> config = Map.of("template", "t1");

        public String getName() {
            return name;
        }

        public String getChannelId() {
            return channelId;
        }

        public Map<String, Object> getConfig() {
            return config;
        }
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of("String", MESSAGE),
                Arguments.of("byte[]", MESSAGE.getBytes(StandardCharsets.UTF_8)),
                Arguments.of("InputStream", new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.UTF_8))),
                Arguments.of("Map", Map.of("name", "Spring sale", "channelId", "email", "config", Map.of("template", "t1"))),
                Arguments.of("JsonNode", json(MESSAGE)),
                Arguments.of("POJO", new FlowMessage()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void everyBodyTypeGivesTheSameRequest(String type, Object body) {
        wireMock().stubFor(post(urlPathMatching(API + "/decision-engine/flow/f1/messages"))
                .willReturn(okJson("{\"id\":\"m1\",\"name\":\"Spring sale\",\"channelId\":\"email\",\"config\":{}}")));

        Exchange exchange = send("hightouch:createFlowMessage?flowId=f1", body, Map.of());

        assertThat(exchange.getException()).isNull();
        JsonNode sent = body(onlyRequest());
        assertThat(sent).isEqualTo(json(MESSAGE));
    }

    @Test
    void aRefusedStreamStaysReadableForTheErrorHandler() {
        String invalid = "{\"recipients\":[],\"draft\":true}";
        InputStream stream = new ByteArrayInputStream(invalid.getBytes(StandardCharsets.UTF_8));

        Exchange exchange = send("hightouch:triggerCampaign?campaignId=c", stream, Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(requests()).isEmpty();
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo(invalid);
    }

    @Test
    void aBodyOverMaxBodySizeIsRefusedBeforeSending() {
        String big = "{\"name\":\"" + "x".repeat(5000) + "\"}";

        Exchange exchange = send("hightouch:createEventContract?maxBodySize=1000", big, Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(((HightouchValidationException) exchange.getException()).getViolations()).extracting(v -> v.field())
                .containsExactly("body");
        assertThat(requests()).isEmpty();
        assertThat(exchange.getMessage().getBody()).isSameAs(big);
    }

    @Test
    void aListBodyIsNotAnObject() {
        List<Object> list = List.of(Map.of("name", "a"));

        Exchange exchange = send("hightouch:createEventDomain", list, Map.of());

        assertThat(refusedFields(exchange, list)).containsExactly("body");
    }
}
