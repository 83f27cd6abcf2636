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
package io.github.camelhightouch.internal.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.Futures;
import io.github.camelhightouch.internal.call.Deadlines;
import io.github.camelhightouch.internal.events.EventReader.Read;
import io.github.camelhightouch.internal.observe.HightouchObserver;
import io.github.camelhightouch.internal.operation.OperationHandler;
import io.github.camelhightouch.internal.operation.OperationResult;
import org.apache.camel.Message;

/**
 * The producer side of an events operation: reads the message's event (or events, for batch), checks them all
 * before anything is queued, enriches and serializes them, takes their places in the queue and queues them. The
 * future completes when Hightouch has accepted the batch (or batches) that hold them, with the events as sent as the
 * result. The message is never changed here, so a refused event stays on the exchange as it came.
 */
final class EventsHandler implements OperationHandler {

    /** The largest event as sent: Hightouch takes 32 KB per event. */
    static final int MAX_EVENT_BYTES = 32_000;

    /** Drawn once per run: see {@link #messageId(String, Read)}. */
    private static final String SALT = UUID.randomUUID().toString();

    private final String operation;
    private final EventType type;
    private final boolean validate;
    private final long requestTimeout;
    private final int batchBytes;
    private final EventReader reader;
    private final EventValidator validator = new EventValidator();
    private final EventEnricher enricher;
    private final ObjectMapper mapper;
    private final QueueSlots slots;
    private final BatchAccumulator accumulator;
    private final BatchSender sender;
    private final Executor deliveries;
    private final HightouchObserver observer;

    EventsHandler(String operation, EventType type, boolean validate, long requestTimeout, int batchBytes,
                  EventReader reader,
                  EventEnricher enricher, ObjectMapper mapper, QueueSlots slots, BatchAccumulator accumulator,
                  BatchSender sender, Executor deliveries, HightouchObserver observer) {
        this.operation = operation;
        this.type = type;
        this.validate = validate;
        this.requestTimeout = requestTimeout;
        this.batchBytes = batchBytes;
        this.reader = reader;
        this.enricher = enricher;
        this.mapper = mapper;
        this.slots = slots;
        this.accumulator = accumulator;
        this.sender = sender;
        this.deliveries = deliveries;
        this.observer = observer;
    }

    @Override
    public CompletableFuture<OperationResult> handle(Message message) throws HightouchValidationException {
        List<Violation> violations = new ArrayList<>();
        List<Read> reads = reader.read(message.getBody(), type == null, violations);
        Instant now = Instant.now();
        String exchangeId = message.getExchange() == null ? null : message.getExchange().getExchangeId();
        List<byte[]> events = new ArrayList<>(reads.size());
        List<String> messageIds = new ArrayList<>(reads.size());
        for (Read read : reads) {
            int before = violations.size();
            EventType eventType = type;
            if (validate) {
                eventType = validator.check(read.event(), type, read.prefix(), violations);
            } else if (type == null) {
                // a batch event needs a known type even without validation: Hightouch routes by it
                eventType = validator.checkTypeOnly(read.event(), read.prefix(), violations);
            }
            if (violations.size() > before) {
                continue;
            }
            messageIds.add(enricher.enrich(read.event(), eventType, now, () -> messageId(exchangeId, read)));
            byte[] bytes = write(read, violations);
            if (bytes != null && bytes.length > MAX_EVENT_BYTES) {
                violations.add(new Violation(field(read), "is " + bytes.length + " bytes as sent; Hightouch takes at"
                                                          + " most " + MAX_EVENT_BYTES + " bytes per event"));
            } else if (bytes != null && bytes.length > batchBytes - EventBatch.ENVELOPE_BYTES) {
                violations.add(new Violation(field(read), "is " + bytes.length + " bytes as sent; a batch of batchBytes="
                                                          + batchBytes + " holds events of at most "
                                                          + (batchBytes - EventBatch.ENVELOPE_BYTES) + " bytes"));
            }
            events.add(bytes);
        }
        if (!violations.isEmpty()) {
            throw new HightouchValidationException(operation, violations);
        }
        long deadline = Deadlines.after(System.nanoTime(), requestTimeout);
        try {
            slots.take(events.size(), deadline);
        } catch (RejectedExecutionException full) {
            observer.eventsDropped(operation, events.size());
            return CompletableFuture.failedFuture(sender.notSent(full.getMessage()));
        }
        List<QueuedEvent> queued = new ArrayList<>(events.size());
        for (byte[] bytes : events) {
            queued.add(new QueuedEvent(bytes, deadline));
        }
        observer.eventsQueued(operation, queued.size());
        accumulator.add(queued);
        if (type != null) {
            return continueElsewhere(queued.size(), queued.get(0).future().thenApply(delivery -> new OperationResult(
                    body(events.get(0)), delivery.status(), delivery.attempts(), null)
                    .header(HightouchConstants.MESSAGE_ID, messageIds.get(0))));
        }
        return continueElsewhere(queued.size(), all(queued).thenApply(deliveries -> {
            List<Object> bodies = new ArrayList<>(events.size());
            events.forEach(bytes -> bodies.add(body(bytes)));
            QueuedEvent.Delivery last = deliveries.get(deliveries.size() - 1);
            int attempts = deliveries.stream().mapToInt(QueuedEvent.Delivery::attempts).max().orElse(0);
            return new OperationResult(bodies, last.status(), attempts, null)
                    .header(HightouchConstants.MESSAGE_ID, messageIds);
        }));
    }

    /**
     * The exchange goes on from a delivery thread, on success and on failure alike: a batch settles many events at
     * once, and the route after the component must neither hold the send thread nor make the next event of the batch
     * wait for it. The events' places in the queue are given back there, just before the exchange goes on (after
     * every event of a batch body is settled): an exchange waiting for a delivery thread still holds its place, so
     * the queue bounds the exchanges in flight, not only the events not yet sent.
     */
    private CompletableFuture<OperationResult> continueElsewhere(int events,
                                                                 CompletableFuture<OperationResult> result) {
        return result.whenCompleteAsync((value, error) -> {
            slots.release(events);
            observer.eventsSettled(operation, events, error);
        }, deliveries);
    }

    /** Completes when every event is settled: with all deliveries, or with the failure of the first that failed. */
    private static CompletableFuture<List<QueuedEvent.Delivery>> all(List<QueuedEvent> queued) {
        CompletableFuture<?>[] futures = queued.stream().map(QueuedEvent::future).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(futures).handle((ignored, error) -> {
            List<QueuedEvent.Delivery> deliveries = new ArrayList<>(queued.size());
            for (QueuedEvent event : queued) {
                try {
                    deliveries.add(event.future().join());
                } catch (CompletionException e) {
                    throw Futures.rethrow(Futures.unwrap(e));
                }
            }
            return deliveries;
        });
    }

    /**
     * The messageId of an event that has none: a UUID drawn from the exchange, the event's place in the body and the
     * event as read, so that a redelivery of the exchange (its body untouched) sends the very same messageId and
     * Hightouch drops the repeat; another exchange, or another event, gets another one. The salt keeps exchange ids
     * that repeat across runs (a counter id generator) from giving an old messageId to a new event.
     */
    private String messageId(String exchangeId, Read read) {
        if (exchangeId == null) {
            return UUID.randomUUID().toString();
        }
        try {
            ByteArrayOutputStream seed = new ByteArrayOutputStream();
            seed.writeBytes((SALT + '\n' + exchangeId + '\n' + operation + '\n' + read.prefix() + '\n')
                    .getBytes(StandardCharsets.UTF_8));
            seed.writeBytes(mapper.writeValueAsBytes(read.event()));
            return UUID.nameUUIDFromBytes(seed.toByteArray()).toString();
        } catch (JsonProcessingException e) {
            // it is written again below, and refused there with the reason
            return UUID.randomUUID().toString();
        }
    }

    private byte[] write(Read read, List<Violation> violations) {
        try {
            return mapper.writeValueAsBytes(read.event());
        } catch (JsonProcessingException e) {
            violations.add(new Violation(field(read), "cannot be serialized to JSON: " + e.getOriginalMessage()));
            return null;
        }
    }

    private Object body(byte[] bytes) {
        try {
            return mapper.readValue(bytes, Map.class);
        } catch (IOException e) {
            // the component wrote these bytes itself: they are JSON
            throw new IllegalStateException(e);
        }
    }

    private static String field(Read read) {
        return read.prefix().isEmpty() ? "body" : read.prefix().substring(0, read.prefix().length() - 1);
    }
}
