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

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.testing.EventsStandIn.ReceivedBatch;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.ThreadPoolBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route shape of the README's "Events" section: a streaming splitter over a JSON-lines body, in parallel on a
 * small bounded pool, into hightouch:track with queueFullPolicy=wait. A sequential splitter waits for each
 * exchange, so each batch holds one event; the parallel one hands events to the queue as fast as Hightouch takes
 * them, batches fill, and the wait policy holds the splitter back when the queue is full, so the exchanges in flight
 * stay bounded whatever the length of the file: 100,000 lines go through with every event delivered exactly once.
 */
class StreamingSplitterEventsTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET,
            HightouchStandIn.WRITE_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().serverPerTest();

    private static final int MAX_QUEUED = 1000;
    private static final int SENDERS = 8;
    private static final int SENDER_QUEUE = 100;

    /** JSON lines made as they are read: the test itself holds no file in memory. */
    private static InputStream jsonLines(int count, int invalidEvery) {
        return new InputStream() {
            private int line;
            private byte[] current = new byte[0];
            private int at;

            @Override
            public int read() {
                if (at == current.length) {
                    if (line == count) {
                        return -1;
                    }
                    String text = invalidEvery > 0 && line % invalidEvery == invalidEvery - 1
                            ? "{\"event\":\"Nobody\",\"messageId\":\"m-" + line + "\"}\n"
                            : "{\"userId\":\"u" + line + "\",\"event\":\"Line Read\",\"messageId\":\"m-" + line
                              + "\",\"properties\":{\"line\":" + line + "}}\n";
                    current = text.getBytes(StandardCharsets.UTF_8);
                    at = 0;
                    line++;
                }
                return current[at++];
            }
        };
    }

    private static CamelContext contextWith(boolean parallel, AtomicInteger delivered, AtomicInteger refused) throws Exception {
        CamelContext context = HIGHTOUCH.newContext();
        ExecutorService senders = new ThreadPoolBuilder(context).poolSize(SENDERS).maxPoolSize(SENDERS)
                .maxQueueSize(SENDER_QUEUE).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build("event-senders");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(HightouchValidationException.class).handled(true)
                        .process(e -> refused.incrementAndGet());
                var split = from("direct:events").routeId("events").split(body().tokenize("\n")).streaming();
                if (parallel) {
                    split.parallelProcessing().executorService(senders);
                }
                split.to("hightouch:track?lingerMs=0&batchSize=500&maxQueuedEvents=" + MAX_QUEUED
                         + "&queueFullPolicy=wait")
                        .process(e -> delivered.incrementAndGet())
                        .end();
            }
        });
        context.start();
        return context;
    }

    @Test
    void aSequentialSplitterSendsOneEventPerBatch() throws Exception {
        AtomicInteger delivered = new AtomicInteger();
        CamelContext context = contextWith(false, delivered, new AtomicInteger());

        Exchange done = context.createProducerTemplate().send("direct:events",
                e -> e.getMessage().setBody(jsonLines(50, 0)));

        assertThat(done.getException()).isNull();
        assertThat(delivered).hasValue(50);
        assertThat(HIGHTOUCH.events().accepted()).hasSize(50).allSatisfy(b -> assertThat(b.size()).isEqualTo(1));
    }

    @Test
    void aParallelStreamingSplitterBatchesAHundredThousandLinesWithBoundedExchangesInFlight() throws Exception {
        int lines = 100_000;
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CamelContext context = contextWith(true, delivered, refused);
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                mostInFlight.accumulateAndGet(context.getInflightRepository().size(), Math::max);
                Thread.onSpinWait();
            }
        });
        sampler.setDaemon(true);
        sampler.start();

        Exchange done;
        try {
            done = context.createProducerTemplate().send("direct:events",
                    e -> e.getMessage().setBody(jsonLines(lines, 1000)));
        } finally {
            running.set(false);
            sampler.join();
        }

        assertThat(done.getException()).isNull();
        int invalid = lines / 1000;
        assertThat(refused).hasValue(invalid);
        assertThat(delivered).hasValue(lines - invalid);
        // every valid line exactly once, none lost, none twice
        Set<String> ids = new HashSet<>(HIGHTOUCH.events().acceptedMessageIds());
        assertThat(HIGHTOUCH.events().acceptedMessageIds()).hasSize(lines - invalid);
        assertThat(ids).hasSize(lines - invalid).contains("m-0", "m-998", "m-1000", "m-99998")
                .doesNotContain("m-999", "m-99999");
        // batches filled: far fewer requests than events
        assertThat(HIGHTOUCH.events().received()).allSatisfy(b -> assertThat(b.accepted()).isTrue());
        assertThat(HIGHTOUCH.events().received().size()).isLessThan((lines - invalid) / 5);
        assertThat(HIGHTOUCH.events().accepted()).allSatisfy(b -> assertThat(b.size()).isLessThanOrEqualTo(500));
        // flat memory: the exchanges in flight stayed within the queue, the pool and its queue, not the file
        assertThat(mostInFlight.get()).isPositive()
                .isLessThanOrEqualTo(MAX_QUEUED + SENDERS + SENDER_QUEUE + 16);
        System.out.println("100k lines: " + HIGHTOUCH.events().received().size() + " batches, mean "
                           + HIGHTOUCH.events().accepted().stream().mapToInt(ReceivedBatch::size).average().orElse(0)
                           + " events per batch, at most " + mostInFlight.get() + " exchanges in flight");
    }
}
