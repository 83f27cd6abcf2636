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
package io.github.camelhightouch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelhightouch.internal.observe.Figures;
import io.github.camelhightouch.internal.observe.LastErrors;
import io.github.camelhightouch.internal.observe.Observation;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code hightouch} dev console: the live figures of the hightouch components of the CamelContext (rate-limit
 * queue and headroom, run waits, HTTP pool, events held) and their last failures (time, operation, outcome, status
 * and the start of the message). Answers are masked of the keys as they are read, so no failure shown here holds one.
 */
@DevConsole(name = "hightouch", displayName = "Hightouch",
            description = "Hightouch rate limits, run waits, HTTP connections, events and the last failures")
public class HightouchDevConsole extends AbstractDevConsole {

    public HightouchDevConsole() {
        super("camel", "hightouch", "Hightouch",
              "Hightouch rate limits, run waits, HTTP connections, events and the last failures");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        Observation observation = Observation.of(getCamelContext());
        Figures figures = observation.figures();
        StringBuilder text = new StringBuilder();
        text.append(String.format("Rate limiters: %d (queued requests: %d, current rate: %d, free now: %d)%n",
                figures.rateLimiters(), figures.queuedRequests(), figures.currentRate(), figures.tokensFree()));
        text.append(String.format("Run waits: %d%n", figures.activeWaits()));
        text.append(String.format("HTTP pool: %d leased, %d available, %d pending, %d max%n", figures.poolLeased(),
                figures.poolAvailable(), figures.poolPending(), figures.poolMax()));
        text.append(String.format("Events held: %d%n", figures.eventsHeld()));
        text.append(String.format("Metrics: %s%n", observation.recordsMetrics() ? "recorded" : "not recorded"));
        List<LastErrors.Failure> failures = observation.lastErrors().newestFirst();
        text.append(String.format("%nLast errors (%d, newest first):%n", failures.size()));
        for (LastErrors.Failure failure : failures) {
            text.append(String.format("    %s %s %s%s: %s%n", failure.time(), failure.operation(), failure.outcome(),
                    failure.status() == 0 ? "" : " (HTTP " + failure.status() + ")", failure.message()));
        }
        return text.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        Observation observation = Observation.of(getCamelContext());
        Figures figures = observation.figures();
        JsonObject root = new JsonObject();
        JsonObject rateLimit = new JsonObject();
        rateLimit.put("limiters", figures.rateLimiters());
        rateLimit.put("queuedRequests", figures.queuedRequests());
        rateLimit.put("currentRate", figures.currentRate());
        rateLimit.put("tokensFree", figures.tokensFree());
        root.put("rateLimit", rateLimit);
        root.put("activeWaits", figures.activeWaits());
        JsonObject pool = new JsonObject();
        pool.put("leased", figures.poolLeased());
        pool.put("available", figures.poolAvailable());
        pool.put("pending", figures.poolPending());
        pool.put("max", figures.poolMax());
        root.put("httpPool", pool);
        root.put("eventsHeld", figures.eventsHeld());
        root.put("metrics", observation.recordsMetrics());
        List<JsonObject> failures = new ArrayList<>();
        for (LastErrors.Failure failure : observation.lastErrors().newestFirst()) {
            JsonObject entry = new JsonObject();
            entry.put("time", failure.time().toString());
            entry.put("operation", failure.operation());
            entry.put("outcome", failure.outcome());
            entry.put("status", failure.status());
            entry.put("message", failure.message());
            failures.add(entry);
        }
        root.put("lastErrors", failures);
        return root;
    }
}
