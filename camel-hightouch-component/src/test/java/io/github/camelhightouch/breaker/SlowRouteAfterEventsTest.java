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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events of one batch were settled one after the other on the endpoint's send thread, and each exchange's
 * route went on inline before the next event was settled: behind a slow step after hightouch:track, the fifth event
 * of a batch came out of the component seconds after its requestTimeout, and the send thread could not send the next
 * batch meanwhile. The exchanges now go on from the endpoint's delivery threads, each when its batch is accepted.
 */
class SlowRouteAfterEventsTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET,
            HightouchStandIn.WRITE_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().serverPerTest().fastRetries();

    @Test
    void everyEventOfABatchLeavesTheComponentWithinItsRequestTimeoutWhateverTheRouteDoesNext() throws Exception {
        Map<Integer, Long> leftTheComponent = new ConcurrentHashMap<>();
        CamelContext context = HIGHTOUCH.newContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in")
                        .to("hightouch:track?lingerMs=300&batchSize=5&requestTimeout=2000")
                        .process(exchange -> {
                            leftTheComponent.put(exchange.getProperty("n", Integer.class), System.nanoTime());
                            // a slow step after the component: a database write, a call elsewhere
                            Thread.sleep(1500);
                        });
            }
        });
        context.start();
        long start = System.nanoTime();
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            sent.add(context.createProducerTemplate().asyncSend("direct:in", exchange -> {
                exchange.setProperty("n", n);
                exchange.getMessage().setBody(Map.of("userId", "u" + n, "event", "Signed Up"));
            }));
        }
        for (CompletableFuture<Exchange> exchange : sent) {
            assertThat(exchange.get(30, TimeUnit.SECONDS).getException()).isNull();
        }

        assertThat(HIGHTOUCH.events().received()).hasSize(1);
        assertThat(leftTheComponent).hasSize(5);
        // each exchange was accepted at about 0.3 s; with the route going on inline, the fifth left at about 6.3 s
        assertThat(leftTheComponent.values()).allSatisfy(
                at -> assertThat(TimeUnit.NANOSECONDS.toMillis(at - start)).isLessThan(2000));
        context.stop();
    }
}
