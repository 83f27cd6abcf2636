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

import java.nio.charset.StandardCharsets;

import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON text holding two events (two lines of a JSON-lines file that lost their newline) was read as its first value
 * only: the first event was sent, the exchange succeeded, and the second event was silently dropped. A body must be
 * exactly one JSON value, or fail as invalid with its body untouched.
 */
class ConcatenatedJsonEventsTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET,
            HightouchStandIn.WRITE_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().serverPerTest().fastRetries();

    @Test
    void twoEventsInOneBodyAreRefusedNotHalfSent() throws Exception {
        CamelContext context = HIGHTOUCH.newContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:track").to("hightouch:track?lingerMs=0");
                from("direct:batch").to("hightouch:batch?lingerMs=0");
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        String two = "{\"userId\":\"u1\",\"event\":\"A\"}{\"userId\":\"u2\",\"event\":\"B\"}";
        String arrayAndMore = "[{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"A\"}] garbage";

        Exchange text = template.send("direct:track", e -> e.getMessage().setBody(two));
        Exchange bytes = template.send("direct:track", e -> e.getMessage().setBody(two.getBytes(StandardCharsets.UTF_8)));
        Exchange batch = template.send("direct:batch", e -> e.getMessage().setBody(arrayAndMore));

        for (Exchange exchange : new Exchange[] { text, bytes, batch }) {
            assertThat(exchange.getException()).isInstanceOfSatisfying(HightouchValidationException.class,
                    e -> assertThat(e.getViolations()).extracting(HightouchValidationException.Violation::field)
                            .containsExactly("body"));
        }
        assertThat(text.getMessage().getBody()).isEqualTo(two);
        assertThat(HIGHTOUCH.events().received()).isEmpty();

        // a trailing newline is not a second value
        Exchange line = template.send("direct:track", e -> e.getMessage().setBody("{\"userId\":\"u1\",\"event\":\"A\"}\r\n"));
        assertThat(line.getException()).isNull();
        context.stop();
    }
}
