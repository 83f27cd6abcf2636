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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas (two CamelContexts) with the same key, each configured with rateLimit=20 per second, against a
 * stand-in that allows 20 per second for the whole workspace: together they offer twice the budget. Each replica's
 * limiter halves its rate on a 429 and recovers slowly, so the 429s fall off after the first burst instead of going on
 * at half of all requests, and every exchange still completes exactly once, within its requestTimeout.
 */
@Timeout(60)
class ReplicasShareTheRateLimitTest {

    private static final long RUN_MILLIS = 8_000;
    private static final long REQUEST_TIMEOUT = 20_000;
    private static final int THREADS_PER_REPLICA = 6;
    private static final String CALL = "hightouch:raw?httpMethod=GET&url=/sources&rateLimit=20&rateLimitPeriod=1000"
                                       + "&maxRetries=50&retryBaseDelay=20&maxRetryDelay=200&requestTimeout="
                                       + REQUEST_TIMEOUT;

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn();

    /** What became of one exchange sent by a load thread. */
    private record Sent(long started, long ended, Throwable failure) {
    }

    @Test
    void twoReplicasOverOneBudgetConvergeInsteadOfStorming() throws Exception {
        // a load test: detailed logging would slow it down
        LOGS.atConfiguredLevels();
        SharedBudgetStandIn workspace = new SharedBudgetStandIn(20, 1000);
        HIGHTOUCH.server().stubFor(any(urlPathEqualTo("/api/v1/sources")).willReturn(aResponse()
                .withTransformers(HIGHTOUCH.transformWith(workspace))));
        AtomicInteger routed = new AtomicInteger();
        List<CamelContext> replicas = List.of(replica(routed), replica(routed));
        ExecutorService load = Executors.newFixedThreadPool(2 * THREADS_PER_REPLICA);
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        try {
            long start = System.nanoTime();
            long stopAt = start + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
            List<Future<?>> threads = new ArrayList<>();
            for (CamelContext replica : replicas) {
                ProducerTemplate template = replica.createProducerTemplate();
                for (int i = 0; i < THREADS_PER_REPLICA; i++) {
                    threads.add(load.submit(() -> {
                        while (System.nanoTime() - stopAt < 0) {
                            long began = System.nanoTime();
                            Throwable failure = null;
                            try {
                                template.requestBody("direct:call", (Object) null);
                            } catch (RuntimeException e) {
                                failure = e;
                            }
                            sent.add(new Sent(began, System.nanoTime(), failure));
                        }
                    }));
                }
            }
            for (Future<?> thread : threads) {
                thread.get(RUN_MILLIS + 2 * REQUEST_TIMEOUT, TimeUnit.MILLISECONDS);
            }

            long half = start + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS / 2);
            int[] first = workspace.throttledBetween(start, half);
            int[] second = workspace.throttledBetween(half, stopAt);
            System.out.printf("ReplicasShareTheRateLimitTest: %d exchanges; first half %d of %d answers were 429, "
                              + "second half %d of %d%n", sent.size(), first[0], first[1], second[0], second[1]);

            // the first burst overshoots: both replicas start at 20 per second, 40 in all
            assertThat(first[0]).as("429s in the first half").isGreaterThanOrEqualTo(5);
            // then they back off: fewer 429s, at most one answer in five (without adaptation about half of all
            // answers, in both halves); not none, since a limiter that recovers probes the budget again now and then
            assertThat(second[0]).as("429s in the second half vs %d in the first", first[0])
                    .isLessThan(first[0]);
            assertThat(second[0] * 5).as("429s among %d answers of the second half", second[1])
                    .isLessThanOrEqualTo(second[1]);
            assertThat(second[1] - second[0]).as("requests accepted in the second half: the budget is used")
                    .isGreaterThanOrEqualTo(20);

            // every exchange completed exactly once, successfully, within its requestTimeout
            assertThat(sent).isNotEmpty();
            assertThat(sent).allSatisfy(s -> {
                assertThat(s.failure()).isNull();
                assertThat(TimeUnit.NANOSECONDS.toMillis(s.ended() - s.started())).isLessThan(REQUEST_TIMEOUT + 5_000);
            });
            assertThat(routed.get()).as("exchanges routed past the hightouch endpoint").isEqualTo(sent.size());
        } finally {
            load.shutdownNow();
            for (CamelContext replica : replicas) {
                replica.close();
            }
        }
    }

    private static CamelContext replica(AtomicInteger routed) throws Exception {
        CamelContext context = HIGHTOUCH.newContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:call").to(CALL).process(e -> routed.incrementAndGet());
            }
        });
        context.start();
        return context;
    }
}
