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
package io.github.camelhightouch.internal.observe.micrometer;

import java.io.Closeable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.github.camelhightouch.HightouchSyncRunException;
import io.github.camelhightouch.HightouchWaitTimeoutException;
import io.github.camelhightouch.internal.http.HttpAnswer;
import io.github.camelhightouch.internal.http.SendFailure;
import io.github.camelhightouch.internal.observe.HightouchObserver;
import io.github.camelhightouch.internal.observe.Observation;
import io.github.camelhightouch.internal.observe.Outcome;
import io.github.camelhightouch.internal.run.SyncRunWaiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what the component observes as {@code hightouch.*} meters in a Micrometer registry. Tags hold only
 * bounded values: the operation name, an outcome word ({@link Outcome}), the run type, a final run status. Meters
 * are made on first use and kept here, so that recording is one map look-up; {@link #close()} takes them out of the
 * registry again (the last component of the context stopped).
 */
public final class MicrometerObserver implements HightouchObserver, Closeable {

    /** The name under which camel-micrometer looks the registry up first. */
    public static final String REGISTRY_NAME = "metricsRegistry";

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerObserver.class);
    private static final List<String> ROWS = List.of("plannedRows", "successfulRows", "failedRows");
    private static final int MAX_STATUS = 32;

    private final MeterRegistry registry;
    private final Map<String, Meter> meters = new ConcurrentHashMap<>();

    MicrometerObserver(MeterRegistry registry, Observation observation) {
        this.registry = registry;
        gauge("hightouch.ratelimit.queued", "Requests waiting for a rate-limit token", observation,
                o -> o.figures().queuedRequests());
        gauge("hightouch.ratelimit.rate", "Requests per period the rate limiters allow now (adapted to 429s)",
                observation, o -> o.figures().currentRate());
        gauge("hightouch.ratelimit.free", "Requests that could go now without waiting for the rate limit",
                observation, o -> o.figures().tokensFree());
        gauge("hightouch.runs.active", "Waits for runs in progress", observation, o -> o.figures().activeWaits());
        gauge("hightouch.http.pool.leased", "HTTP connections in use", observation, o -> o.figures().poolLeased());
        gauge("hightouch.http.pool.pending", "Requests waiting for an HTTP connection", observation,
                o -> o.figures().poolPending());
        gauge("hightouch.events.held", "Events queued or in flight", observation, o -> o.figures().eventsHeld());
    }

    /**
     * The observer on the context's registry, found as camel-micrometer finds it: by the name
     * {@value #REGISTRY_NAME}, else the single MeterRegistry of the registry; null when there is none.
     */
    public static HightouchObserver bind(CamelContext context, Observation observation) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType(REGISTRY_NAME, MeterRegistry.class);
        if (registry == null) {
            registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        }
        if (registry == null) {
            LOG.debug("No MeterRegistry in the Camel registry: the hightouch component records no metrics");
            return null;
        }
        LOG.debug("The hightouch component records metrics in {}", registry.getClass().getName());
        return new MicrometerObserver(registry, observation);
    }

    @Override
    public void attemptEnded(String operation, HttpAnswer answer, SendFailure failure, long nanos) {
        String outcome = Outcome.of(answer, failure);
        timer("hightouch.requests", "HTTP attempts, by operation and outcome", "operation", operation, "outcome",
                outcome).record(nanos, TimeUnit.NANOSECONDS);
        if (answer != null && answer.status() == 429) {
            counter("hightouch.throttled", "429 answers", "operation", operation).increment();
        }
    }

    @Override
    public void callEnded(String operation, HttpAnswer answer, Throwable error, int attempts, long nanos) {
        timer("hightouch.calls", "Calls, retries and waits included, by operation and outcome", "operation",
                operation, "outcome", Outcome.of(answer, error)).record(nanos, TimeUnit.NANOSECONDS);
        if (attempts > 1) {
            counter("hightouch.retries", "Attempts after the first of a call", "operation", operation)
                    .increment(attempts - 1);
        }
    }

    @Override
    public void rateLimitWaited(long nanos) {
        timer("hightouch.ratelimit.wait", "Time a request waited for a rate-limit token").record(nanos,
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void runEnded(String runType, Map<String, Object> run, Throwable error) {
        String type = runType.toLowerCase(Locale.ROOT);
        String status;
        Map<String, Object> finalRun = run;
        if (error == null) {
            status = run == null ? null : SyncRunWaiter.status(run);
        } else if (error instanceof HightouchSyncRunException failed) {
            status = failed.getStatus();
            finalRun = failed.getRun();
        } else if (error instanceof HightouchWaitTimeoutException) {
            status = Outcome.TIMEOUT;
        } else {
            status = "error";
        }
        counter("hightouch.runs", "Waited runs, by run type and final status", "type", type, "status",
                tagValue(status)).increment();
        if (finalRun == null || error instanceof HightouchWaitTimeoutException) {
            return;
        }
        for (String rows : ROWS) {
            long count = rowCount(finalRun.get(rows));
            if (count > 0) {
                counter("hightouch.runs.rows", "Rows of the waited runs (added, changed and removed)", "type", type,
                        "rows", rows).increment(count);
            }
        }
    }

    @Override
    public void eventsQueued(String operation, int count) {
        counter("hightouch.events.queued", "Events queued for sending", "operation", operation).increment(count);
    }

    @Override
    public void eventsDropped(String operation, int count) {
        counter("hightouch.events.dropped", "Events never sent (queue full, overdue, stopped)", "operation",
                operation).increment(count);
    }

    @Override
    public void batchSent(String operation, int events) {
        DistributionSummary summary = (DistributionSummary) meters.computeIfAbsent(
                "hightouch.events.batch.size|" + operation,
                k -> DistributionSummary.builder("hightouch.events.batch.size").description("Events per batch sent")
                        .baseUnit("events").tag("operation", operation).register(registry));
        summary.record(events);
    }

    @Override
    public void eventsSettled(String operation, int count, Throwable error) {
        if (error == null) {
            counter("hightouch.events.sent", "Events Hightouch accepted", "operation", operation).increment(count);
        } else if (Outcome.neverSent(error)) {
            eventsDropped(operation, count);
        } else {
            counter("hightouch.events.failed", "Events whose batch Hightouch refused or that may not have arrived",
                    "operation", operation).increment(count);
        }
    }

    /** Takes the meters of this observer out of the registry. */
    @Override
    public void close() {
        meters.values().forEach(registry::remove);
        meters.clear();
    }

    private Timer timer(String name, String description, String... tags) {
        return (Timer) meters.computeIfAbsent(key(name, tags),
                k -> Timer.builder(name).description(description).tags(tags).register(registry));
    }

    private Counter counter(String name, String description, String... tags) {
        return (Counter) meters.computeIfAbsent(key(name, tags),
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    private void gauge(String name, String description, Observation observation, ToDoubleFunction<Observation> f) {
        meters.computeIfAbsent(name, k -> Gauge.builder(name, observation, f).description(description)
                .strongReference(true).register(registry));
    }

    private static String key(String name, String... tags) {
        if (tags.length == 0) {
            return name;
        }
        StringBuilder key = new StringBuilder(name);
        for (int i = 1; i < tags.length; i += 2) {
            key.append('|').append(tags[i]);
        }
        return key.toString();
    }

    /** A status as a tag: lower case, at most a few characters of a-z, 0-9 and _ (a server's text could be any). */
    private static String tagValue(String status) {
        if (status == null) {
            return "none";
        }
        String value = status.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return value.length() > MAX_STATUS ? value.substring(0, MAX_STATUS) : value;
    }

    private static long rowCount(Object counts) {
        if (!(counts instanceof Map<?, ?> map)) {
            return 0;
        }
        long sum = 0;
        for (String field : List.of("addedCount", "changedCount", "removedCount")) {
            if (map.get(field) instanceof Number number && number.longValue() > 0) {
                sum += number.longValue();
            }
        }
        return sum;
    }
}
