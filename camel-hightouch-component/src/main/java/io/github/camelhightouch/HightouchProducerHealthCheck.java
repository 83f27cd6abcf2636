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

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import io.github.camelhightouch.internal.call.Deadlines;
import io.github.camelhightouch.internal.call.RateLimitPermit;
import io.github.camelhightouch.internal.call.RateLimiters;
import io.github.camelhightouch.internal.call.RequestRateLimiter;
import io.github.camelhightouch.internal.http.HightouchOrigin;
import io.github.camelhightouch.internal.http.HightouchRequest;
import io.github.camelhightouch.internal.http.HttpAnswer;
import io.github.camelhightouch.internal.http.HttpTransport;
import io.github.camelhightouch.internal.http.RequestSender;
import io.github.camelhightouch.internal.http.SendFailure;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * The producer health check of a Hightouch component, Camel's counterpart of a "Test connection" button: it calls
 * GET /sources?limit=1 with the component's API key, or, when the component has none, with the key of each started
 * hightouch endpoint (set in its URI or by a Kamelet; each distinct base URL and key once), and reports UP when every
 * probe gets a 2xx answer, or DOWN with a reason that tells
 * a rejected key (401, 403) from an unreachable API (no connection, timeout) or another status. It is a readiness
 * check only: Hightouch being down must not restart the application.
 * <p>
 * Each probe takes a request of its key's rate limiter, shared with the routes, like any other request: it waits in
 * the same queue, at most requestTimeout, and when no request is free by then it is DOWN {@code rate-limited} and
 * sends nothing.
 * <p>
 * The API key is sent only in the Authorization header, and never appears in the result's message or details.
 * <p>
 * A component set up for the Events API only (a writeKey, no apiKey) has no REST API to test, and the Events API has
 * no call that checks a write key without sending an event: its check is UNKNOWN with reason {@code events-only},
 * never a DOWN that would take an events-only application out of service.
 */
public class HightouchProducerHealthCheck extends AbstractHealthCheck {

    /** The detail that says why the check is DOWN (one of the REASON_* values). */
    public static final String REASON = "hightouch.reason";
    /** The detail with the base URL that was called. */
    public static final String BASE_URL = "hightouch.baseUrl";

    /** Hightouch rejected the API key (401 or 403). */
    public static final String REASON_UNAUTHORIZED = "unauthorized";
    /** No answer from Hightouch: connection refused, unknown host, timeout or broken connection. */
    public static final String REASON_UNREACHABLE = "unreachable";
    /** Hightouch answered with a status that is neither 2xx nor 401/403. */
    public static final String REASON_UNEXPECTED_STATUS = "unexpected-status";
    /** The component is not configured well enough to call Hightouch (no API key, bad base URL). */
    public static final String REASON_MISCONFIGURED = "misconfigured";
    /** The component has a write key and no API key: only the Events API is used, and it cannot be probed. */
    public static final String REASON_EVENTS_ONLY = "events-only";

    /** No free request in the key's rate limit within requestTimeout (or its queue is full): nothing was sent. */
    public static final String REASON_RATE_LIMITED = "rate-limited";
    /** The detail with how many distinct keys (base URL and API key) were probed. */
    public static final String PROBED_KEYS = "hightouch.probedKeys";

    /** The cheapest authenticated call of the API. */
    static final String PROBE_PATH = "/sources?limit=1";

    private final HightouchComponent component;

    public HightouchProducerHealthCheck(HightouchComponent component, String componentName) {
        super("camel", "producer:" + componentName);
        this.component = component;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        HightouchConfiguration configuration = component.getConfiguration();
        HttpTransport transport = component.getTransport();
        if (transport == null) {
            down(builder, REASON_MISCONFIGURED, "The hightouch component is not started");
            return;
        }
        List<HealthProbeTargets.Target> targets = HealthProbeTargets.of(component);
        if (targets.isEmpty()) {
            if (configuration.getWriteKey() != null && !configuration.getWriteKey().isBlank()) {
                builder.detail(REASON, REASON_EVENTS_ONLY);
                builder.message("apiKey: is not set, so the REST API is not checked; the Events API (writeKey) has "
                                + "no call that checks the key without sending an event");
                builder.unknown();
                return;
            }
            down(builder, REASON_MISCONFIGURED,
                    "apiKey: is not set on the hightouch component nor on any started hightouch endpoint");
            return;
        }
        long start = System.nanoTime();
        for (HealthProbeTargets.Target target : targets) {
            if (!probe(builder, transport, target, start)) {
                return;
            }
        }
        builder.detail(PROBED_KEYS, targets.size());
        builder.message(targets.get(0).fromEndpoint()
                ? "Hightouch API reachable and the API key of the hightouch endpoints accepted (" + targets.size()
                  + (targets.size() == 1 ? " key" : " distinct keys") + ")"
                : "Hightouch API reachable and the API key accepted");
        builder.up();
    }

    /**
     * Probes one key through its rate limiter, within the requestTimeout of its settings counted from the start of
     * the check. Returns true when the key was accepted, else sets the builder DOWN.
     */
    private boolean probe(HealthCheckResultBuilder builder, HttpTransport transport, HealthProbeTargets.Target target,
            long start) {
        HightouchConfiguration configuration = target.configuration();
        String where = target.fromEndpoint()
                ? "the apiKey option of the hightouch endpoints calling " + target.baseUrl()
                : "the apiKey option of the hightouch component";
        HightouchOrigin origin;
        try {
            origin = HightouchOrigin.of(target.baseUrl());
        } catch (IllegalArgumentException e) {
            down(builder, REASON_MISCONFIGURED, e.getMessage());
            return false;
        }
        builder.detail(BASE_URL, origin.baseUrl());
        long deadline = Deadlines.after(start, configuration.getRequestTimeout());
        String refused = waitForRateLimit(target, deadline);
        if (refused != null) {
            down(builder, REASON_RATE_LIMITED, "The health check found no free request in the rate limit of "
                                               + where + " (" + refused + "); nothing was sent");
            return false;
        }
        HttpAnswer result;
        try {
            result = send(transport, origin, target, deadline);
        } catch (Exception e) {
            builder.error(e);
            down(builder, REASON_UNREACHABLE, "Hightouch API unreachable at " + origin.baseUrl() + ": "
                                              + describe(e));
            return false;
        }
        RequestRateLimiter limiter = limiterOf(target);
        if (limiter != null) {
            // the probe's answer teaches the adaptive rate like any other request's
            if (result.status() == 429) {
                limiter.throttled();
            } else {
                limiter.accepted();
            }
        }
        builder.detail(SERVICE_STATUS_CODE, result.status());
        builder.detail(HTTP_RESPONSE_CODE, result.status());
        if (result.isSuccess()) {
            return true;
        } else if (result.status() == 401 || result.status() == 403) {
            down(builder, REASON_UNAUTHORIZED, "Hightouch rejected the API key (HTTP " + result.status()
                                               + "): check " + where);
        } else {
            down(builder, REASON_UNEXPECTED_STATUS, "Hightouch answered HTTP " + result.status() + " to GET "
                                                    + PROBE_PATH);
        }
        return false;
    }

    /** Waits for a token of the key's limiter; null when one was spent (or there is no limit), else why not. */
    private String waitForRateLimit(HealthProbeTargets.Target target, long deadline) {
        RequestRateLimiter limiter = limiterOf(target);
        if (limiter == null) {
            return null;
        }
        try {
            RateLimitPermit.Result permit = RateLimitPermit.acquire(limiter, component.getScheduler(), deadline);
            return switch (permit) {
                case GRANTED -> null;
                case QUEUE_FULL -> "its queue is full";
                case TIMED_OUT -> "none came within requestTimeout, " + target.configuration().getRequestTimeout()
                                  + " ms";
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The limiter the routes that use this key share, created with these settings if no route made it yet. */
    private RequestRateLimiter limiterOf(HealthProbeTargets.Target target) {
        HightouchConfiguration configuration = target.configuration();
        if (configuration.getRateLimit() == 0) {
            return null;
        }
        return RateLimiters.of(component.getCamelContext()).forKey(target.apiKey(), configuration.getRateLimit(),
                configuration.getRateLimitPeriod(), configuration.getRateLimitQueueSize(),
                configuration.getRateLimitChangeShare());
    }

    /**
     * Sends the probe on a client of its own, on the component's shared connection pool, closed right after.
     */
    private static HttpAnswer send(
            HttpTransport transport, HightouchOrigin origin, HealthProbeTargets.Target target, long deadline)
            throws Exception {
        HightouchConfiguration configuration = target.configuration();
        HightouchRequest call = origin.request("healthCheck", HightouchHttpMethod.GET, origin.resolve(PROBE_PATH, "url"),
                null, java.util.List.of(), true);
        RequestSender sender = transport.newSender(origin, target.apiKey(), configuration.getConnectTimeout(),
                configuration.getResponseTimeout());
        try {
            ServiceHelper.startService(sender);
            return sender.send(call, deadline, attempt -> {
            });
        } catch (SendFailure failure) {
            throw failure.getCause() instanceof Exception cause ? cause : failure;
        } finally {
            ServiceHelper.stopService(sender);
        }
    }

    private static void down(HealthCheckResultBuilder builder, String reason, String message) {
        builder.detail(REASON, reason);
        builder.message(message);
        builder.down();
    }

    private static String describe(Throwable e) {
        String kind;
        if (e instanceof UnknownHostException) {
            kind = "unknown host";
        } else if (e instanceof ConnectTimeoutException) {
            kind = "connect timeout";
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            kind = "connection refused";
        } else if (e instanceof InterruptedIOException) {
            kind = "no answer in time";
        } else {
            kind = "connection failed";
        }
        return kind + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    }
}
