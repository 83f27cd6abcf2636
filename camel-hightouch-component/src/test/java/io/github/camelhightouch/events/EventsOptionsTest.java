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

import java.util.Map;

import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The options of the events operations: hostile values are refused when the endpoint is created, each error naming
 * its option; the events endpoints need the write key and not the REST API key.
 */
class EventsOptionsTest extends HightouchTestSupport {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "batchSize=0|batchSize: must be between 1 and 10000, got 0",
        "batchSize=-5|batchSize: must be between 1 and 10000, got -5",
        "batchSize=10001|batchSize: must be between 1 and 10000, got 10001",
        "batchBytes=500001|batchBytes: must be between 1024 and 500000, got 500001",
        "batchBytes=100|batchBytes: must be between 1024 and 500000, got 100",
        "batchBytes=-1|batchBytes: must be between 1024 and 500000, got -1",
        "lingerMs=-1|lingerMs: must be at least 0 and below requestTimeout (120000 ms), got -1",
        "lingerMs=5000&requestTimeout=5000|lingerMs: must be at least 0 and below requestTimeout (5000 ms), got 5000",
        "maxQueuedEvents=0|maxQueuedEvents: must be between 1 and 1000000, got 0",
        "maxQueuedEvents=1000001|maxQueuedEvents: must be between 1 and 1000000, got 1000001",
        "flushTimeout=-1|flushTimeout: must be between 0 and 2147483647, got -1",
        "eventsUrl=http://us-east-1.hightouch-events.com|eventsUrl: plain http is only allowed for loopback addresses (the write key would travel",
        "eventsUrl=ftp://127.0.0.1|eventsUrl: must be an https URL",
        "eventsUrl=https://user@us-east-1.hightouch-events.com|eventsUrl: must not carry a query, fragment or user info",
        "eventsUrl=https://us-east-1.hightouch-events.com?x=1|eventsUrl: must not carry a query, fragment or user info",
        "queueFullPolicy=drop|queueFullPolicy",
        "requestTimeout=0|requestTimeout: must be at least 1, got 0",
    })
    void hostileValuesAreRefusedNamingTheOption(String options, String error) {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:track?" + options)).hasStackTraceContaining(error);
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void theWriteKeyMustBeSetAndTheApiKeyNeedNotBe() {
        HightouchComponent component = context.getComponent("hightouch", HightouchComponent.class);
        component.getConfiguration().setApiKey(null);

        Exchange exchange = send("hightouch:identify?lingerMs=0", Map.of("userId", "u1"));

        assertThat(exchange.getException()).isNull();
        component.getConfiguration().setWriteKey(" ");
        assertThatThrownBy(() -> context.getEndpoint("hightouch:track?batchSize=7"))
                .hasStackTraceContaining("writeKey: must be set for hightouch:track");
        // the REST operations still need the API key, and not the write key
        component.getConfiguration().setWriteKey(null);
        assertThatThrownBy(() -> context.getEndpoint("hightouch:listSources"))
                .hasStackTraceContaining("apiKey: must be set");
    }

    @Test
    void extremeButValidValuesWork() {
        Exchange exchange = send("hightouch:track?batchSize=1&batchBytes=1024&lingerMs=0&maxQueuedEvents=1"
                                 + "&flushTimeout=0&queueFullPolicy=fail",
                Map.of("userId", "u1", "event", "E"));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.events().accepted()).hasSize(1);
    }

    @Test
    void anEventLargerThanBatchBytesIsRefusedNotSentAlone() {
        // 2000 bytes cannot fit a 1024-byte batch: refused before queueing, rather than sent over the limit
        Exchange exchange = send("hightouch:track?batchBytes=1024&lingerMs=0",
                Map.of("userId", "u1", "event", "x".repeat(2000)));

        assertThat(exchange.getException()).hasMessageContaining("batchBytes");
        assertThat(HIGHTOUCH.events().received()).isEmpty();
    }
}
