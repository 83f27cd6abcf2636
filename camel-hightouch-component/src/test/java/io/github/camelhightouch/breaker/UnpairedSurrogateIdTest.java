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

import java.util.Map;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A text id with an unpaired surrogate ({@code "g\uD800"}, e.g. a string cut in the middle of an emoji) has no UTF-8
 * form: URL-encoding replaced the surrogate with {@code ?}, so the request went to {@code /idr/g%3F/trigger}, the
 * graph {@code g?}, not the id given. An id that cannot be sent as given must be refused, not replaced.
 */
@Timeout(30)
class UnpairedSurrogateIdTest extends HightouchContextTestSupport {

    @Test
    void aGraphIdWithALoneHighSurrogateIsRefusedAndNoTriggerIsSent() {
        wireMock().stubFor(post(anyUrl()).willReturn(okJson("{\"id\":\"run-1\"}")));
        String graphId = "g\uD800";

        Exchange exchange = send("hightouch:triggerIdrRun", "body", Map.of(HightouchConstants.GRAPH_ID, graphId));

        assertThat(HIGHTOUCH.requests()).as("requests sent for an id with an unpaired surrogate").isEmpty();
        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(((HightouchValidationException) exchange.getException()).getViolations()).extracting(Violation::field)
                .containsExactly("header " + HightouchConstants.GRAPH_ID);
    }

    @Test
    void aFlowMessageIdWithALoneLowSurrogateIsRefused() {
        wireMock().stubFor(get(anyUrl()).willReturn(okJson("{\"id\":\"m\"}")));

        Exchange exchange = send("hightouch:getFlowMessage?flowId=f1", null,
                Map.of(HightouchConstants.FLOW_MESSAGE_ID, "\uDC00m"));

        assertThat(HIGHTOUCH.requests()).isEmpty();
        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class);
    }

    @Test
    void anEmojiAsAWholeIsStillSentAsGiven() {
        wireMock().stubFor(get(anyUrl()).willReturn(okJson("{\"id\":\"f\"}")));

        Exchange exchange = send("hightouch:getFlow", null, Map.of(HightouchConstants.FLOW_ID, "flow-\uD83D\uDE00"));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).singleElement()
                .satisfies(request -> assertThat(request.getUrl()).isEqualTo(API + "/decision-engine/flow/flow-%F0%9F%98%80"));
    }
}
