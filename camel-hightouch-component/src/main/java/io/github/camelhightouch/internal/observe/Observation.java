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
package io.github.camelhightouch.internal.observe;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.internal.call.RateLimiters;
import io.github.camelhightouch.internal.http.HttpAnswer;
import io.github.camelhightouch.internal.http.SendFailure;
import org.apache.camel.CamelContext;
import org.apache.camel.util.IOHelper;

/**
 * What the hightouch components of one CamelContext observe, in one place: the observer their paths report to, the
 * last failures, and the live {@link Figures}. The observer always keeps the last failures; it also records metrics
 * when the first component starts with Micrometer on the class path and a {@code MeterRegistry} in the Camel
 * registry ({@link MetricsBinding}), and forgets them when the last one stops.
 */
public final class Observation {

    private final CamelContext context;
    private final LastErrors lastErrors = new LastErrors();
    private final Set<HightouchComponent> components = ConcurrentHashMap.newKeySet();
    private final HightouchObserver observer = new Fanout();
    private volatile HightouchObserver metrics = HightouchObserver.NONE;

    private Observation(CamelContext context) {
        this.context = context;
    }

    /** The observation of a CamelContext, created on first use. */
    public static Observation of(CamelContext context) {
        synchronized (context) {
            Observation observation = context.getCamelContextExtension().getContextPlugin(Observation.class);
            if (observation == null) {
                observation = new Observation(context);
                context.getCamelContextExtension().addContextPlugin(Observation.class, observation);
            }
            return observation;
        }
    }

    /** The observer the components' paths report to. */
    public HightouchObserver observer() {
        return observer;
    }

    /** The last failures of the calls of every component of the context. */
    public LastErrors lastErrors() {
        return lastErrors;
    }

    /** Whether metrics are being recorded (a MeterRegistry was found). */
    public boolean recordsMetrics() {
        return metrics != HightouchObserver.NONE;
    }

    /** The live figures of the context's components. */
    public Figures figures() {
        return Figures.of(RateLimiters.of(context).all(), List.copyOf(components));
    }

    /** A component started: the first one binds the metrics, if there is a registry. */
    public synchronized void componentStarted(HightouchComponent component) {
        components.add(component);
        if (metrics == HightouchObserver.NONE) {
            metrics = MetricsBinding.bind(context, this);
        }
    }

    /** A component stopped: with the last one the metrics leave the registry. */
    public synchronized void componentStopped(HightouchComponent component) {
        components.remove(component);
        if (components.isEmpty() && metrics instanceof Closeable closeable) {
            IOHelper.close(closeable);
            metrics = HightouchObserver.NONE;
        }
    }

    /** Keeps the last failures, and hands every report to the metrics. */
    private final class Fanout implements HightouchObserver {

        @Override
        public void attemptEnded(String operation, HttpAnswer answer, SendFailure failure, long nanos) {
            metrics.attemptEnded(operation, answer, failure, nanos);
        }

        @Override
        public void callEnded(String operation, HttpAnswer answer, Throwable error, int attempts, long nanos) {
            lastErrors.callEnded(operation, answer, error);
            metrics.callEnded(operation, answer, error, attempts, nanos);
        }

        @Override
        public void rateLimitWaited(long nanos) {
            metrics.rateLimitWaited(nanos);
        }

        @Override
        public void runEnded(String runType, Map<String, Object> run, Throwable error) {
            metrics.runEnded(runType, run, error);
        }

        @Override
        public void eventsQueued(String operation, int count) {
            metrics.eventsQueued(operation, count);
        }

        @Override
        public void eventsDropped(String operation, int count) {
            metrics.eventsDropped(operation, count);
        }

        @Override
        public void batchSent(String operation, int events) {
            metrics.batchSent(operation, events);
        }

        @Override
        public void eventsSettled(String operation, int count, Throwable error) {
            metrics.eventsSettled(operation, count, error);
        }
    }
}
