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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 500 requests with the client-side limit at 50 per second against a stand-in that enforces the same limit: no 429,
 * and the run takes as long as the limit says it must.
 */
class RateLimitTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().fastRetries();

    @Test
    void clientSideLimitKeepsUnderTheServersLimit() throws Exception {
        // a load test: detailed logging would slow it down
        LOGS.atConfiguredLevels();
        // the server's window is 15% shorter than the client's: on a busy 2-core machine the stand-in counts a
        // request when its thread gets to it, which can be well after the request left the client
        RateLimitingStandIn limiter = new RateLimitingStandIn(50, 850);
        try (CamelContext context = HIGHTOUCH.newContext()) {
            HIGHTOUCH.server().stubFor(any(urlPathEqualTo("/api/v1/sources")).willReturn(aResponse()
                    .withTransformers(HIGHTOUCH.transformWith(limiter))));
            ExecutorService pool = context.getExecutorServiceManager().newFixedThreadPool(this, "split", 16);
            AtomicInteger completed = new AtomicInteger();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:calls")
                            .split(body()).parallelProcessing().executorService(pool)
                            // two endpoints with the same key share one limit
                            .choice()
                                .when(e -> e.getMessage().getBody(Integer.class) % 2 == 0)
                                    .to("hightouch:raw?httpMethod=GET&url=/sources&rateLimit=50&rateLimitPeriod=1000&maxRetries=0")
                                .otherwise()
                                    .to("hightouch:raw?httpMethod=GET&url=/sources?limit=1&rateLimit=50&rateLimitPeriod=1000&maxRetries=0")
                            .end()
                            .process(e -> completed.incrementAndGet());
                }
            });
            context.start();
            // warm the stand-in and the client up (JIT, threads, connections), then let both windows empty
            for (int i = 0; i < 20; i++) {
                context.createProducerTemplate().sendBody("hightouch:raw?httpMethod=GET&url=/sources&rateLimit=50&rateLimitPeriod=1000&maxRetries=0", null);
            }
            Thread.sleep(1100);
            limiter.accepted.set(0);

            List<Integer> calls = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                calls.add(i);
            }
            long started = System.nanoTime();
            // the splitter returns when every part is done
            context.createProducerTemplate().sendBody("direct:calls", calls);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.printf("RateLimitTest: 500 requests at 50/s in %d ms, accepted %d, 429 %d%n", millis,
                    limiter.accepted.get(), limiter.rejected.get());

            assertThat(limiter.rejected.get()).as("429 answers").isZero();
            assertThat(limiter.accepted.get()).isEqualTo(500);
            assertThat(completed.get()).as("parts routed past the hightouch endpoint").isEqualTo(500);
            // 50 at once, then 50 more each second: the 451st request cannot leave before 9 seconds
            assertThat(millis).as("elapsed ms").isGreaterThanOrEqualTo(9_000);
        }
    }
}
