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
package io.github.camelhightouch.reliability;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input gets a clear error naming the field and no request; bad configuration fails the endpoint at start naming
 * the option.
 */
class BadInputTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().fastRetries();

    private static final byte[] GARBAGE = { (byte) 0xC3, 0x28, (byte) 0xFF, 0x00, 0x7B, (byte) 0x80 };

    static Stream<Arguments> badBodies() {
        String oversized = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        return Stream.of(
                Arguments.of("null body", null, "body: is null"),
                Arguments.of("empty string", "", "body: is an empty string"),
                Arguments.of("non-JSON text", "name=pg,slug=pg", "body: is not valid JSON"),
                Arguments.of("binary garbage", GARBAGE, "body: is not valid JSON"),
                Arguments.of("binary garbage stream", new ByteArrayInputStream(GARBAGE), "body: is not valid JSON"),
                Arguments.of("array where an object is due", "[{\"name\":\"a\"}]", "body: must be a JSON object, got an array"),
                Arguments.of("wrong field types", Map.of("name", 5, "slug", List.of("a"), "type", true,
                        "configuration", "host=db"), "name: must be a non-empty string, got number 5"),
                Arguments.of("oversized body", oversized, "body: is larger than maxBodySize"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyIsRefusedWithoutARequest(String name, Object body, String expected) throws Exception {
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.start();
            Exchange result = context.createProducerTemplate().request("hightouch:createSource",
                    e -> e.getMessage().setBody(body));
            assertThat(result.getException()).isInstanceOf(HightouchValidationException.class)
                    .hasMessageContaining(expected).hasMessageContaining("no request was sent");
            if (body instanceof ByteArrayInputStream) {
                assertThat(result.getMessage().getBody()).as("the stream's bytes stay on the exchange").isEqualTo(GARBAGE);
            } else {
                assertThat(result.getMessage().getBody()).as("the record stays on the exchange").isSameAs(body);
            }
            assertThat(HIGHTOUCH.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
        }
    }

    @Test
    void wrongFieldTypesAreAllListed() throws Exception {
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.start();
            Exchange result = context.createProducerTemplate().request("hightouch:createSource",
                    e -> e.getMessage().setBody(Map.of("name", 5, "slug", List.of("a"), "type", true,
                            "configuration", "host=db")));
            HightouchValidationException error = (HightouchValidationException) result.getException();
            assertThat(error.getViolations()).extracting(HightouchValidationException.Violation::field)
                    .containsExactlyInAnyOrder("name", "slug", "type", "configuration");
        }
    }

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                Arguments.of("hightouch:createSource?apiKey=", "apiKey: must be set"),
                Arguments.of("hightouch:deleteEverything", "operation: unknown Hightouch operation 'deleteEverything'"),
                Arguments.of("hightouch:raw", "url: must be set for hightouch:raw"),
                Arguments.of("hightouch:createSource?batchMode=true", "batchMode: Hightouch has no batch createSource"),
                Arguments.of("hightouch:createModel?connectTimeout=-1", "connectTimeout: must be between 1 and 2147483647, got -1"),
                Arguments.of("hightouch:createModel?responseTimeout=-5", "responseTimeout: must be between 1 and 2147483647, got -5"),
                Arguments.of("hightouch:createModel?requestTimeout=-5", "requestTimeout: must be at least 1, got -5"),
                Arguments.of("hightouch:createModel?maxRetries=-1", "maxRetries: must be between 0 and 1000, got -1"),
                Arguments.of("hightouch:createModel?requestTimeout=0", "requestTimeout: must be at least 1, got 0"),
                Arguments.of("hightouch:createModel?connectTimeout=0", "connectTimeout: must be between 1 and 2147483647, got 0"),
                Arguments.of("hightouch:createModel?responseTimeout=2147483648",
                        "responseTimeout: must be between 1 and 2147483647, got 2147483648"),
                Arguments.of("hightouch:createModel?maxRetries=1001", "maxRetries: must be between 0 and 1000, got 1001"),
                Arguments.of("hightouch:createModel?rateLimit=100001", "rateLimit: must be between 0 and 100000, got 100001"),
                Arguments.of("hightouch:createModel?rateLimitQueueSize=0", "rateLimitQueueSize: must be between 1 and 1000000, got 0"),
                Arguments.of("hightouch:createModel?rateLimitChangeShare=-1",
                        "rateLimitChangeShare: must be between 0 and 100, got -1"),
                Arguments.of("hightouch:createModel?rateLimitChangeShare=101",
                        "rateLimitChangeShare: must be between 0 and 100, got 101"),
                Arguments.of("hightouch:waitForSyncRun?syncId=1&syncRunId=2&timeout=0", "timeout: must be at least 1, got 0"),
                Arguments.of("hightouch:waitForSyncRun?syncId=1&syncRunId=2&pollInterval=0",
                        "pollInterval: must be at least 1, got 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void badConfigurationFailsAtStartNamingTheOption(String uri, String expected) throws Exception {
        try (CamelContext context = HIGHTOUCH.newContext()) {
            if (uri.contains("apiKey=")) {
                context.getComponent("hightouch", HightouchComponent.class).getConfiguration().setApiKey(null);
            }
            context.start();
            assertThatThrownBy(() -> context.getEndpoint(uri)).hasStackTraceContaining(expected);
        }
    }
}
