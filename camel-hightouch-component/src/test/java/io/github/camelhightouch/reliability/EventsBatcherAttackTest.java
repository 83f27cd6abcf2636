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
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchTransportException;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.testing.EventsStandIn.ReceivedBatch;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the events batcher: retried batches keep their body and messageIds, a 429 storm, resets, stalls and
 * garbage answers, a stop with events queued, in flight and backing off, a full queue under both policies, and a
 * bad event among good ones. Every exchange must complete exactly once, within its requestTimeout (margins are
 * generous: these machines are shared).
 */
class EventsBatcherAttackTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET,
            HightouchStandIn.WRITE_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().serverPerTest().fastRetries();

    private CamelContext context;
    private ProducerTemplate template;

    private void start() {
        context = HIGHTOUCH.newContext();
        context.start();
        template = context.createProducerTemplate();
    }

    private static Map<String, Object> event(int i) {
        return Map.of("userId", "u" + i, "event", "E" + i);
    }

    private CompletableFuture<Exchange> sendAsync(String uri, Object body) {
        return template.asyncSend(uri, e -> e.getMessage().setBody(body));
    }

    private static Exchange done(CompletableFuture<Exchange> exchange) throws Exception {
        return exchange.get(30, TimeUnit.SECONDS);
    }

    private static void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition not met within 15 s").isNegative();
            Thread.sleep(10);
        }
    }

    @Test
    void aRetriedBatchCarriesTheSameBodyAndMessageIds() throws Exception {
        HIGHTOUCH.events().answerWith((n, batch) -> n <= 3
                // any 5xx, as the event SDKs: 501 and 507 too, which a REST POST would never repeat
                ? responseDefinition().withStatus(n == 1 ? 501 : n == 2 ? 507 : 500).withBody("<html>down</html>").build()
                : null);
        start();

        Exchange exchange = template.send("hightouch:track?lingerMs=0", e -> e.getMessage().setBody(event(1)));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.ATTEMPTS)).isEqualTo(4);
        List<ReceivedBatch> received = HIGHTOUCH.events().received();
        assertThat(received).extracting(ReceivedBatch::status).containsExactly(501, 507, 500, 200);
        // byte for byte the same request, sentAt included: Hightouch can drop the repeats by messageId
        assertThat(received).extracting(ReceivedBatch::body).containsOnly(received.get(0).body());
        assertThat(received.get(0).messageIds()).singleElement()
                .isEqualTo(exchange.getMessage().getHeader(HightouchConstants.MESSAGE_ID));
        assertThat(HIGHTOUCH.events().duplicates()).isEmpty();
    }

    @Test
    void a429StormEndsWithTheLast429AfterTheRetries() throws Exception {
        HIGHTOUCH.events().answerWith((n, batch) -> responseDefinition().withStatus(429).withHeader("Retry-After", "0")
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Too many requests\"}").build());
        start();
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(sendAsync("hightouch:track?lingerMs=0&maxRetries=5", event(i)));
        }

        for (CompletableFuture<Exchange> exchange : sent) {
            assertThat(done(exchange).getException()).isInstanceOfSatisfying(HightouchApiException.class, e -> {
                assertThat(e.getStatusCode()).isEqualTo(429);
                assertThat(e.getApiMessage()).isEqualTo("Too many requests");
                assertThat(e.getAttempts()).isEqualTo(6);
            });
        }
        assertThat(HIGHTOUCH.events().accepted()).isEmpty();
        // every batch was tried 6 times, never more
        int batches = (int) HIGHTOUCH.events().received().stream().map(ReceivedBatch::messageIds).distinct().count();
        assertThat(HIGHTOUCH.events().received()).hasSize(batches * 6);
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        HIGHTOUCH.events().answerWith((n, batch) -> n == 1
                ? responseDefinition().withStatus(429).withHeader("Retry-After", "1").build() : null);
        start();

        long start = System.nanoTime();
        Exchange exchange = template.send("hightouch:track?lingerMs=0&maxRetryDelay=10000",
                e -> e.getMessage().setBody(event(1)));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(exchange.getException()).isNull();
        // fastRetries alone would wait at most 50 ms: the second attempt waited for the server's second
        assertThat(millis).isGreaterThanOrEqualTo(900);
        assertThat(HIGHTOUCH.events().received()).extracting(ReceivedBatch::status).containsExactly(429, 200);
    }

    @Test
    void aResetConnectionIsRetriedAndOtherClientErrorsAreNot() throws Exception {
        HIGHTOUCH.events().answerWith((n, batch) -> switch (n) {
            case 1 -> responseDefinition().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)
                    .build();
            case 2 -> responseDefinition().withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE).build();
            case 4 -> responseDefinition().withStatus(413).withBody("too big, really").build();
            default -> null;
        });
        start();

        Exchange first = template.send("hightouch:track?lingerMs=0", e -> e.getMessage().setBody(event(1)));
        Exchange second = template.send("hightouch:track?lingerMs=0", e -> e.getMessage().setBody(event(2)));

        assertThat(first.getException()).isNull();
        assertThat(first.getMessage().getHeader(HightouchConstants.ATTEMPTS)).isEqualTo(3);
        assertThat(second.getException()).isInstanceOfSatisfying(HightouchApiException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(413);
            assertThat(e.getAttempts()).isEqualTo(1);
            assertThat(e.getResponseBody()).isEqualTo("too big, really");
        });
        assertThat(HIGHTOUCH.events().received()).hasSize(4);
    }

    @Test
    void garbageAnswersAreTakenForWhatTheirStatusSays() throws Exception {
        HIGHTOUCH.events().answerWith((n, batch) -> switch (n) {
            case 1 -> responseDefinition().withStatus(200).withBody("<<<\u0000not json").build();
            case 2 -> responseDefinition().withStatus(500).withBody("{\"message\":").build();
            case 3 -> responseDefinition().withStatus(202).build();
            case 4 -> responseDefinition().withStatus(418).withHeader("Content-Type", "application/json")
                    .withBody("[1,2").build();
            default -> null;
        });
        start();

        Exchange garbage200 = template.send("hightouch:track?lingerMs=0", e -> e.getMessage().setBody(event(1)));
        Exchange after500 = template.send("hightouch:track?lingerMs=0", e -> e.getMessage().setBody(event(2)));
        Exchange teapot = template.send("hightouch:track?lingerMs=0", e -> e.getMessage().setBody(event(3)));

        assertThat(garbage200.getException()).isNull();
        assertThat(after500.getException()).isNull();
        assertThat(after500.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(202);
        assertThat(teapot.getException()).isInstanceOfSatisfying(HightouchApiException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(418));
    }

    @Test
    void aStalledServerFailsTheBatchWithinRequestTimeoutAsMaybeDelivered() throws Exception {
        HIGHTOUCH.events().answerWith((n, batch) -> responseDefinition().withStatus(200).withFixedDelay(20_000).build());
        start();

        long start = System.nanoTime();
        Exchange exchange = template.send("hightouch:track?lingerMs=0&responseTimeout=300&requestTimeout=1500"
                                          + "&maxRetries=100",
                e -> e.getMessage().setBody(event(1)));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
        assertThat(exchange.getException()).isInstanceOfSatisfying(HightouchTransportException.class,
                e -> assertThat(e.isOutcomeUnknown()).as(e.getMessage()).isTrue());
    }

    @Test
    void eventsQueuedBehindStalledBatchesFailAsNotSentAtTheirRequestTimeout() throws Exception {
        HIGHTOUCH.events().answerWith((n, batch) -> responseDefinition().withStatus(200).withFixedDelay(20_000).build());
        start();
        String uri = "hightouch:track?lingerMs=0&batchSize=1&requestTimeout=1500&responseTimeout=30000";
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            sent.add(sendAsync(uri, event(i)));
        }

        int notSent = 0;
        int unknown = 0;
        for (CompletableFuture<Exchange> exchange : sent) {
            Throwable error = done(exchange).getException();
            assertThat(error).isInstanceOf(HightouchTransportException.class);
            if (((HightouchTransportException) error).isOutcomeUnknown()) {
                unknown++;
            } else {
                // swept from the queue, or found overdue when a slot freed: either way never sent
                assertThat(error.getMessage()).containsAnyOf("waited for its batch", "nothing was sent");
                notSent++;
            }
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
        // four batches on the wire at once at most; the ones behind them leave the queue only if a slot frees before
        // their own deadline (on a slow machine the first four end a little before the last two are due)
        assertThat(unknown + notSent).isEqualTo(6);
        assertThat(unknown).isBetween(4, 6);
        // "not sent" is the truth: exactly the batches that failed as unknown reached the server
        assertThat(HIGHTOUCH.events().received()).hasSize(unknown);
    }

    @Test
    void aStopUnderLoadEndsEveryExchangeOnceAndNotSentMeansNeverReceived() throws Exception {
        HIGHTOUCH.events().answerWith((n, batch) -> responseDefinition().withStatus(200).withBody("{}")
                .withFixedDelay(100).build());
        start();
        int count = 3000;
        Map<Integer, AtomicInteger> completions = new ConcurrentHashMap<>();
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            CompletableFuture<Exchange> exchange = sendAsync(
                    "hightouch:track?lingerMs=0&batchSize=20&flushTimeout=150&maxQueuedEvents=100000",
                    Map.of("userId", "u" + i, "event", "E", "messageId", "m-" + i));
            exchange.whenComplete((e, error) -> completions.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet());
            sent.add(exchange);
        }
        until(() -> HIGHTOUCH.events().received().size() >= 4);

        context.stop();

        Set<String> received = new HashSet<>();
        HIGHTOUCH.events().received().forEach(batch -> received.addAll(batch.messageIds()));
        Set<String> acceptedIds = new HashSet<>(HIGHTOUCH.events().acceptedMessageIds());
        int delivered = 0;
        int notSent = 0;
        int unknown = 0;
        for (int i = 0; i < count; i++) {
            Exchange exchange = done(sent.get(i));
            Throwable error = exchange.getException();
            if (error == null) {
                assertThat(acceptedIds).contains(exchange.getMessage().getHeader(HightouchConstants.MESSAGE_ID,
                        String.class));
                delivered++;
            } else if (error instanceof HightouchTransportException transport && !transport.isOutcomeUnknown()) {
                // nothing said "not sent" reached the server
                assertThat(received).doesNotContain("m-" + i);
                notSent++;
            } else {
                assertThat(error).isInstanceOf(HightouchTransportException.class);
                unknown++;
            }
        }
        until(() -> completions.size() == count);
        assertThat(completions.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
        assertThat(delivered + notSent + unknown).isEqualTo(count);
        assertThat(delivered).isPositive();
        assertThat(notSent).isPositive();
    }

    @Test
    void anEndpointStoppedAndStartedAgainWorksAsNew() throws Exception {
        start();
        String uri = "hightouch:track?lingerMs=0";
        assertThat(template.send(uri, e -> e.getMessage().setBody(event(1))).getException()).isNull();

        context.getEndpoint(uri).stop();
        context.getEndpoint(uri).start();

        assertThat(template.send(uri, e -> e.getMessage().setBody(event(2))).getException()).isNull();
        assertThat(HIGHTOUCH.events().accepted()).hasSize(2);
    }

    @Test
    void messageHeadersCannotRedirectOrReauthorizeAnEvent() throws Exception {
        start();

        Exchange exchange = template.send("hightouch:track?lingerMs=0", e -> {
            e.getMessage().setBody(event(1));
            e.getMessage().setHeader("CamelHttpUri", "http://127.0.0.1:1/steal");
            e.getMessage().setHeader("CamelHttpPath", "/steal");
            e.getMessage().setHeader("Authorization", "Basic c3RvbGVuOg==");
            e.getMessage().setHeader("Host", "evil.example");
        });

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).singleElement().satisfies(r -> {
            assertThat(r.getUrl()).isEqualTo("/v1/batch");
            assertThat(r.getHeader("Authorization")).isNotEqualTo("Basic c3RvbGVuOg==");
            assertThat(r.getHeader("Host")).startsWith("127.0.0.1");
        });
    }

    @Test
    void oneBadEventAmongGoodOnesFailsAlone() throws Exception {
        start();
        List<Object> bodies = List.of(event(1), event(2), Map.of("event", "nobody"), event(4), "{not json", event(6));
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (Object body : bodies) {
            sent.add(sendAsync("hightouch:track?lingerMs=50", body));
        }

        List<Exchange> exchanges = new ArrayList<>();
        for (CompletableFuture<Exchange> exchange : sent) {
            exchanges.add(done(exchange));
        }
        assertThat(exchanges.get(2).getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(exchanges.get(2).getMessage().getBody()).isSameAs(bodies.get(2));
        assertThat(exchanges.get(4).getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(exchanges.get(4).getMessage().getBody()).isEqualTo("{not json");
        for (int i : new int[] { 0, 1, 3, 5 }) {
            assertThat(exchanges.get(i).getException()).isNull();
        }
        assertThat(HIGHTOUCH.events().acceptedEvents()).extracting(e -> e.path("userId").asText())
                .containsExactlyInAnyOrder("u1", "u2", "u4", "u6");
    }

    @Test
    void stopFlushesTheQueuedEvents() throws Exception {
        start();
        String uri = "hightouch:track?lingerMs=60000&flushTimeout=10000";
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(sendAsync(uri, event(i)));
        }
        Thread.sleep(100);
        assertThat(HIGHTOUCH.events().received()).isEmpty();

        context.stop();

        for (CompletableFuture<Exchange> exchange : sent) {
            assertThat(exchange.isDone()).isTrue();
            assertThat(done(exchange).getException()).isNull();
        }
        assertThat(HIGHTOUCH.events().accepted()).extracting(ReceivedBatch::size).containsExactly(3);
    }

    @Test
    void stopWithoutFlushFailsQueuedEventsAsNotSent() throws Exception {
        start();
        CompletableFuture<Exchange> sent = sendAsync("hightouch:track?lingerMs=60000&flushTimeout=0", event(1));
        Thread.sleep(50);

        context.stop();

        assertThat(done(sent).getException()).isInstanceOfSatisfying(HightouchTransportException.class, e -> {
            assertThat(e.isOutcomeUnknown()).as(e.getMessage()).isFalse();
            assertThat(e.getMessage()).contains("not sent").contains("flushTimeout");
        });
        assertThat(HIGHTOUCH.events().received()).isEmpty();
    }

    @Test
    void stopWithABatchInFlightFailsItAsMaybeDelivered() throws Exception {
        HIGHTOUCH.events().answerWith((n, batch) -> responseDefinition().withStatus(200).withFixedDelay(20_000).build());
        start();
        CompletableFuture<Exchange> sent = sendAsync("hightouch:track?lingerMs=0&flushTimeout=300", event(1));
        until(() -> !HIGHTOUCH.events().received().isEmpty());

        long start = System.nanoTime();
        context.stop();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
        assertThat(done(sent).getException()).isInstanceOfSatisfying(HightouchTransportException.class,
                e -> assertThat(e.isOutcomeUnknown()).as(e.getMessage()).isTrue());
    }

    @Test
    void stopWhileABatchBacksOffFailsItAsNotDelivered() throws Exception {
        HIGHTOUCH.events().answerWith((n, batch) -> responseDefinition().withStatus(503).withHeader("Retry-After", "30")
                .build());
        start();
        CompletableFuture<Exchange> sent = sendAsync("hightouch:track?lingerMs=0&flushTimeout=300&maxRetryDelay=60000",
                event(1));
        // the call runner says when the batch backs off
        until(() -> !LOGS.linesContaining("retrying in").isEmpty());

        context.stop();

        assertThat(done(sent).getException()).isInstanceOfSatisfying(HightouchTransportException.class, e -> {
            assertThat(e.isOutcomeUnknown()).as(e.getMessage()).isFalse();
            assertThat(e.getMessage()).contains("waiting to retry");
        });
        assertThat(HIGHTOUCH.events().received()).hasSize(1);
    }

    @Test
    void aFullQueueFailsAtOnceWithPolicyFailAndGivesItsPlacesBack() throws Exception {
        AtomicInteger slow = new AtomicInteger(2);
        HIGHTOUCH.events().answerWith((n, batch) -> slow.get() > 0
                ? responseDefinition().withStatus(200).withBody("{}").withFixedDelay(1500).build() : null);
        start();
        String uri = "hightouch:track?lingerMs=0&maxQueuedEvents=2&queueFullPolicy=fail";
        CompletableFuture<Exchange> first = sendAsync(uri, event(1));
        CompletableFuture<Exchange> second = sendAsync(uri, event(2));
        // both on the wire (held until their slow answers): the queue is full
        until(() -> HIGHTOUCH.events().received().stream().mapToInt(ReceivedBatch::size).sum() == 2);

        Exchange third = template.send(uri, e -> e.getMessage().setBody(event(3)));

        assertThat(third.getException()).isInstanceOfSatisfying(HightouchTransportException.class, e -> {
            assertThat(e.isOutcomeUnknown()).as(e.getMessage()).isFalse();
            assertThat(e.getMessage()).contains("maxQueuedEvents=2").contains("queueFullPolicy=fail");
        });
        assertThat(done(first).getException()).isNull();
        assertThat(done(second).getException()).isNull();
        slow.set(0);
        // the places came back with the deliveries
        assertThat(template.send(uri, e -> e.getMessage().setBody(event(4))).getException()).isNull();
        assertThat(template.send(uri, e -> e.getMessage().setBody(event(5))).getException()).isNull();
    }

    @Test
    void aFullQueueMakesSendersWaitWithPolicyWait() throws Exception {
        start();
        String uri = "hightouch:track?lingerMs=0&maxQueuedEvents=1";
        ExecutorService senders = Executors.newFixedThreadPool(8);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 5; i++) {
                        int n = thread * 5 + i;
                        Exchange exchange = template.send(uri, e -> e.getMessage().setBody(event(n)));
                        assertThat(exchange.getException()).isNull();
                        ids.add(exchange.getMessage().getHeader(HightouchConstants.MESSAGE_ID, String.class));
                    }
                }, senders));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            senders.shutdownNow();
        }
        assertThat(ids).hasSize(40);
        assertThat(new HashSet<>(HIGHTOUCH.events().acceptedMessageIds())).isEqualTo(ids);
        // one place: never two events in the endpoint at once, so never two in a batch
        assertThat(HIGHTOUCH.events().accepted()).allSatisfy(batch -> assertThat(batch.size()).isEqualTo(1));
    }

    @Test
    void aSenderWaitingForRoomStillEndsWithinItsRequestTimeout() throws Exception {
        HIGHTOUCH.events().answerWith((n, batch) -> responseDefinition().withStatus(200).withFixedDelay(20_000).build());
        start();
        String uri = "hightouch:track?lingerMs=0&maxQueuedEvents=1&requestTimeout=1000&responseTimeout=30000";
        CompletableFuture<Exchange> holder = sendAsync(uri, event(1));
        until(() -> !HIGHTOUCH.events().received().isEmpty());

        long start = System.nanoTime();
        Exchange waiter = template.send(uri, e -> e.getMessage().setBody(event(2)));

        // it waited for the holder's place (given back at the holder's requestTimeout), then for its own batch
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        assertThat(waiter.getException()).isInstanceOf(HightouchTransportException.class);
        assertThat(done(holder).getException()).isInstanceOfSatisfying(HightouchTransportException.class,
                e -> assertThat(e.isOutcomeUnknown()).as(e.getMessage()).isTrue());
    }

    @Test
    void underRandomFaultsEveryExchangeCompletesOnceAndSuccessMeansAccepted() throws Exception {
        Random random = new Random(42);
        HIGHTOUCH.events().answerWith((n, batch) -> {
            int draw;
            synchronized (random) {
                draw = random.nextInt(10);
            }
            return switch (draw) {
                case 0 -> responseDefinition().withStatus(429).build();
                case 1 -> responseDefinition().withStatus(500).build();
                case 2 -> responseDefinition().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)
                        .build();
                case 3 -> responseDefinition().withStatus(400).withBody("{\"message\":\"no\"}").build();
                default -> null;
            };
        });
        start();
        int count = 2000;
        AtomicInteger completions = new AtomicInteger();
        Map<Integer, AtomicInteger> perEvent = new ConcurrentHashMap<>();
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            CompletableFuture<Exchange> exchange = sendAsync("hightouch:track?lingerMs=0&batchSize=50&maxRetries=2",
                    event(i));
            exchange.whenComplete((e, error) -> {
                completions.incrementAndGet();
                perEvent.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
            });
            sent.add(exchange);
        }
        Set<String> succeeded = new HashSet<>();
        int failed = 0;
        for (CompletableFuture<Exchange> future : sent) {
            Exchange exchange = done(future);
            if (exchange.getException() == null) {
                succeeded.add(exchange.getMessage().getHeader(HightouchConstants.MESSAGE_ID, String.class));
            } else {
                assertThat(exchange.getException()).isInstanceOfAny(HightouchApiException.class,
                        HightouchTransportException.class);
                failed++;
            }
        }
        until(() -> completions.get() == count);
        assertThat(perEvent.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
        assertThat(succeeded.size() + failed).isEqualTo(count);
        // what succeeded was accepted, and what was accepted succeeded: nothing acknowledged that was not delivered
        assertThat(new HashSet<>(HIGHTOUCH.events().acceptedMessageIds())).isEqualTo(succeeded);
        assertThat(failed).isPositive();
        assertThat(succeeded).isNotEmpty();
    }
}
