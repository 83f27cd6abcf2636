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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelhightouch.HightouchException;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 2,000 records through a parallel splitter (16 threads) and a dead letter channel, against a stand-in that injects
 * 10% faults at random (seeded): every record is delivered once or dead-lettered with its cause.
 */
class ParallelDeliveryTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().fastRetries();

    static final int RECORDS = 2000;

    @Test
    void everyRecordIsAccountedForAndNoCreateIsDuplicated() throws Exception {
        // a load test: detailed logging would slow it down
        LOGS.atConfiguredLevels();
        FaultInjectingStandIn faults = new FaultInjectingStandIn(20261128L, 0.10);
        try (CamelContext context = HIGHTOUCH.newContext()) {
            HIGHTOUCH.server().stubFor(any(urlPathEqualTo("/api/v1/sources")).willReturn(aResponse()
                    .withTransformers(HIGHTOUCH.transformWith(faults))));
            AtomicInteger delivered = new AtomicInteger();
            ExecutorService pool = context.getExecutorServiceManager().newFixedThreadPool(this, "split", 16);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(deadLetterChannel("mock:dead").useOriginalMessage());
                    from("direct:records")
                            .split(body()).parallelProcessing().executorService(pool)
                            .to("hightouch:createSource?rateLimit=0&maxRetries=3")
                            .process(e -> delivered.incrementAndGet());
                }
            });
            context.start();
            MockEndpoint dead = context.getEndpoint("mock:dead", MockEndpoint.class);

            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                records.add(Map.of("name", "source " + i, "slug", "s-" + i, "type", "postgres",
                        "configuration", Map.of("host", "db" + i)));
            }
            long started = System.nanoTime();
            context.createProducerTemplate().sendBody("direct:records", records);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            Set<String> deadSlugs = new HashSet<>();
            for (Exchange exchange : dead.getExchanges()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> record = exchange.getMessage().getBody(Map.class);
                assertThat(record).as("the dead letter keeps the record").containsKey("slug");
                Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                assertThat(cause).as("cause of %s", record.get("slug")).isInstanceOf(HightouchException.class);
                assertThat(cause.getMessage()).doesNotContain(HightouchStandIn.API_KEY);
                assertThat(deadSlugs.add((String) record.get("slug"))).as("dead-lettered once").isTrue();
            }
            Set<String> created = faults.createdBySlug.keySet();
            int duplicates = (int) faults.createdBySlug.values().stream().filter(c -> c.get() > 1).count();

            System.out.printf("ParallelDeliveryTest: %d records in %d ms: created %d, dead-lettered %d, duplicates %d,"
                              + " faults injected %s%n", RECORDS, millis, created.size(), deadSlugs.size(), duplicates,
                    faults.faults);

            assertThat(duplicates).as("creates delivered twice").isZero();
            assertThat(delivered.get()).as("route deliveries").isEqualTo(created.size());
            assertThat(created).as("created and dead-lettered overlap").doesNotContainAnyElementsOf(deadSlugs);
            Set<String> all = new HashSet<>(created);
            all.addAll(deadSlugs);
            assertThat(all).as("records accounted for").hasSize(RECORDS);
            assertThat(deadSlugs).as("non-retryable faults were injected").isNotEmpty();
        }
    }
}
