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

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchTransportException;
import io.github.camelhightouch.testing.EventsStandIn.ReceivedBatch;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch that may have arrived fails its exchanges with isOutcomeUnknown() true, and the README promises that "a
 * redelivery is then safe: same messageId". But the component gave the event a new random messageId on each send of
 * the (untouched) body, so Camel's redelivery sent the event again under another messageId, which Hightouch cannot
 * drop as a repeat: one event counted twice.
 */
class RedeliveredEventTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET,
            HightouchStandIn.WRITE_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().serverPerTest().fastRetries();

    private static CamelContext contextWithRedelivery(String to) throws Exception {
        CamelContext context = HIGHTOUCH.newContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(HightouchTransportException.class)
                        .onWhen(exchange -> exchange.getException(HightouchTransportException.class).isOutcomeUnknown())
                        .maximumRedeliveries(2).redeliveryDelay(0);
                from("direct:in").to(to);
            }
        });
        context.start();
        return context;
    }

    @Test
    void aRedeliveredTrackEventKeepsItsMessageId() throws Exception {
        // the first batch arrives, but its answer is lost: the connection is reset before any status comes back
        HIGHTOUCH.events().answerWith((n, batch) -> n == 1
                ? responseDefinition().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)
                        .build()
                : null);
        CamelContext context = contextWithRedelivery("hightouch:track?lingerMs=0&maxRetries=0");

        Exchange exchange = context.createProducerTemplate().send("direct:in",
                e -> e.getMessage().setBody(Map.of("userId", "u1", "event", "Paid")));

        assertThat(exchange.getException()).isNull();
        List<ReceivedBatch> received = HIGHTOUCH.events().received();
        assertThat(received).hasSize(2);
        assertThat(received.get(1).messageIds()).isEqualTo(received.get(0).messageIds());
        assertThat(exchange.getMessage().getHeader(HightouchConstants.MESSAGE_ID))
                .isEqualTo(received.get(0).messageIds().get(0));
        context.stop();
    }

    @Test
    void aRedeliveredBatchKeepsEveryMessageIdAndDistinctEventsKeepDistinctOnes() throws Exception {
        HIGHTOUCH.events().answerWith((n, batch) -> n == 1
                ? responseDefinition().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)
                        .build()
                : null);
        CamelContext context = contextWithRedelivery("hightouch:batch?lingerMs=0&maxRetries=0");
        // two identical events in one body are still two events
        Map<String, Object> click = Map.of("type", "track", "userId", "u1", "event", "Clicked");

        Exchange exchange = context.createProducerTemplate().send("direct:in",
                e -> e.getMessage().setBody(List.of(click, click, Map.of("type", "identify", "userId", "u1"))));

        assertThat(exchange.getException()).isNull();
        List<ReceivedBatch> received = HIGHTOUCH.events().received();
        assertThat(received).hasSize(2);
        assertThat(received.get(0).messageIds()).doesNotHaveDuplicates().hasSize(3);
        assertThat(received.get(1).messageIds()).isEqualTo(received.get(0).messageIds());

        // the same body in another exchange is another event: its messageIds are new
        Exchange again = context.createProducerTemplate().send("direct:in",
                e -> e.getMessage().setBody(List.of(click, click, Map.of("type", "identify", "userId", "u1"))));
        assertThat(again.getException()).isNull();
        assertThat(HIGHTOUCH.events().received().get(2).messageIds())
                .doesNotContainAnyElementsOf(received.get(0).messageIds());
        context.stop();
    }
}
