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
import java.util.Map;

import io.github.camelhightouch.internal.call.Deadlines;
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
 * GET /sources?limit=1 with the component's API key and reports UP on a 2xx answer, or DOWN with a reason that tells
 * a rejected key (401, 403) from an unreachable API (no connection, timeout) or another status. It is a readiness
 * check only: Hightouch being down must not restart the application.
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
        if (configuration.getApiKey() == null || configuration.getApiKey().isBlank()) {
            if (configuration.getWriteKey() != null && !configuration.getWriteKey().isBlank()) {
                builder.detail(REASON, REASON_EVENTS_ONLY);
                builder.message("apiKey: is not set, so the REST API is not checked; the Events API (writeKey) has "
                                + "no call that checks the key without sending an event");
                builder.unknown();
                return;
            }
            down(builder, REASON_MISCONFIGURED, "apiKey: is not set on the hightouch component");
            return;
        }
        HightouchOrigin origin;
        try {
            origin = HightouchOrigin.of(configuration.getBaseUrl());
        } catch (IllegalArgumentException e) {
            down(builder, REASON_MISCONFIGURED, e.getMessage());
            return;
        }
        builder.detail(BASE_URL, origin.baseUrl());
        HightouchRequest call = origin.request("healthCheck", HightouchHttpMethod.GET, origin.resolve(PROBE_PATH, "url"),
                null, java.util.List.of(), true);
        HttpAnswer result;
        try {
            result = send(transport, origin, configuration, call);
        } catch (Exception e) {
            builder.error(e);
            down(builder, REASON_UNREACHABLE, "Hightouch API unreachable at " + origin.baseUrl() + ": "
                                              + describe(e));
            return;
        }
        builder.detail(SERVICE_STATUS_CODE, result.status());
        builder.detail(HTTP_RESPONSE_CODE, result.status());
        if (result.isSuccess()) {
            builder.message("Hightouch API reachable and the API key accepted");
            builder.up();
        } else if (result.status() == 401 || result.status() == 403) {
            down(builder, REASON_UNAUTHORIZED, "Hightouch rejected the API key (HTTP " + result.status()
                                               + "): check the apiKey option of the hightouch component");
        } else {
            down(builder, REASON_UNEXPECTED_STATUS, "Hightouch answered HTTP " + result.status() + " to GET "
                                                    + PROBE_PATH);
        }
    }

    /**
     * Sends the probe on a client of its own, on the component's shared connection pool, closed right after.
     */
    private static HttpAnswer send(
            HttpTransport transport, HightouchOrigin origin, HightouchConfiguration configuration, HightouchRequest call)
            throws Exception {
        RequestSender sender = transport.newSender(origin, configuration.getApiKey(), configuration.getConnectTimeout(),
                configuration.getResponseTimeout());
        try {
            ServiceHelper.startService(sender);
            return sender.send(call, Deadlines.after(System.nanoTime(), configuration.getRequestTimeout()), attempt -> {
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
