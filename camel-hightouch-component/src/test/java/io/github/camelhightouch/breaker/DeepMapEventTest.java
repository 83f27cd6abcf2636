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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * A Map body nested 5000 deep, or one that holds itself, threw a StackOverflowError out of the producer: no
 * validation error, the Error thrown at the caller instead of failing the exchange. JSON text nested as deep is
 * refused as invalid; an object body must be too, naming the field, with the body untouched.
 */
class DeepMapEventTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET,
            HightouchStandIn.WRITE_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().serverPerTest().fastRetries();

    private static Map<String, Object> nested(int depth) {
        Map<String, Object> top = new HashMap<>();
        Map<String, Object> current = top;
        for (int i = 0; i < depth; i++) {
            Map<String, Object> next = new HashMap<>();
            current.put("a", next);
            current = next;
        }
        return top;
    }

    @Test
    void aDeepOrSelfReferencingMapFailsItsExchangeAsInvalid() throws Exception {
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
        Map<String, Object> deep = new LinkedHashMap<>(Map.of("userId", "u1", "event", "Deep"));
        deep.put("properties", nested(5000));
        Map<String, Object> looped = new LinkedHashMap<>(Map.of("userId", "u1", "event", "Loop"));
        Map<String, Object> properties = new HashMap<>();
        properties.put("self", properties);
        looped.put("properties", properties);

        Exchange deepTrack = template.send("direct:track", e -> e.getMessage().setBody(deep));
        Exchange loopTrack = template.send("direct:track", e -> e.getMessage().setBody(looped));
        Exchange deepBatch = template.send("direct:batch", e -> e.getMessage().setBody(
                List.of(Map.of("type", "track", "userId", "u1", "event", "Fine"), Map.of("type", "track", "userId",
                        "u2", "event", "Deep", "properties", nested(5000)))));

        assertThat(deepTrack.getException()).isInstanceOfSatisfying(HightouchValidationException.class,
                e -> assertThat(e.getViolations()).extracting(HightouchValidationException.Violation::field)
                        .containsExactly("body"));
        assertThat(deepTrack.getMessage().getBody()).isSameAs(deep);
        assertThat(loopTrack.getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(deepBatch.getException()).isInstanceOfSatisfying(HightouchValidationException.class,
                e -> assertThat(e.getViolations()).extracting(HightouchValidationException.Violation::field)
                        .containsExactly("[1]"));
        assertThat(HIGHTOUCH.events().received()).isEmpty();

        // the endpoint goes on
        Exchange fine = template.send("direct:track", e -> e.getMessage().setBody(Map.of("userId", "u1", "event", "E")));
        assertThat(fine.getException()).isNull();
        context.stop();
    }
}
