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

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A messageId that is not a string (an integer) passed validation, went into a shared batch, and Hightouch refused
 * the whole batch (it takes string messageIds only): the good events sharing the batch failed with it. A bad event
 * must fail its own exchange only, before anything is queued.
 */
class NonStringMessageIdTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET,
            HightouchStandIn.WRITE_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().serverPerTest().fastRetries();

    @Test
    void anIntegerMessageIdFailsItsOwnExchangeAndNotTheBatch() throws Exception {
        CamelContext context = HIGHTOUCH.newContext();
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        String uri = "hightouch:track?batchSize=2&lingerMs=5000";

        CompletableFuture<Exchange> good = template.asyncSend(uri,
                e -> e.getMessage().setBody(Map.of("userId", "u1", "event", "Good")));
        CompletableFuture<Exchange> numeric = template.asyncSend(uri,
                e -> e.getMessage().setBody(Map.of("userId", "u2", "event", "Numeric", "messageId", 42)));
        CompletableFuture<Exchange> other = template.asyncSend(uri,
                e -> e.getMessage().setBody(Map.of("userId", "u3", "event", "Other")));

        Exchange numericDone = numeric.get(20, TimeUnit.SECONDS);
        assertThat(numericDone.getException()).isInstanceOfSatisfying(HightouchValidationException.class,
                e -> assertThat(e.getViolations()).extracting(HightouchValidationException.Violation::field)
                        .containsExactly("messageId"));
        assertThat(good.get(20, TimeUnit.SECONDS).getException()).isNull();
        assertThat(other.get(20, TimeUnit.SECONDS).getException()).isNull();
        assertThat(HIGHTOUCH.events().acceptedEvents()).extracting(e -> e.path("userId").asText())
                .containsExactlyInAnyOrder("u1", "u3");
        context.stop();
    }

    @Test
    void anIntegerMessageIdInABatchIsNamedByItsIndex() throws Exception {
        CamelContext context = HIGHTOUCH.newContext();
        context.start();
        ProducerTemplate template = context.createProducerTemplate();

        Exchange exchange = template.send("hightouch:batch?lingerMs=0", e -> e.getMessage().setBody(List.of(
                Map.of("type", "track", "userId", "u1", "event", "A"),
                Map.of("type", "identify", "userId", "u1", "messageId", 7))));

        assertThat(exchange.getException()).isInstanceOfSatisfying(HightouchValidationException.class,
                e -> assertThat(e.getViolations()).extracting(HightouchValidationException.Violation::field)
                        .containsExactly("[1].messageId"));
        assertThat(HIGHTOUCH.events().received()).isEmpty();
        context.stop();
    }
}
