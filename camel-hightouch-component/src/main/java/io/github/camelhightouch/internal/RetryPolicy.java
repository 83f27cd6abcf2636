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
package io.github.camelhightouch.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Decides whether a failed attempt is repeated and after how long. What may be repeated depends on whether Hightouch
 * can have acted on the request:
 * <ul>
 * <li>always: 429 and 503 (the server says it did not take the request) and failures to connect;</li>
 * <li>GET and PATCH only (idempotent): also 500, 502, 504, read timeouts and connections lost after sending;</li>
 * <li>a POST that creates or triggers is never repeated once it may have reached the server: that would be a
 * duplicate.</li>
 * </ul>
 * Delays grow exponentially with full jitter; a Retry-After header (seconds or HTTP date) is honoured, capped by the
 * maximum delay.
 */
public final class RetryPolicy {

    /** The answer for an attempt that must not be repeated. */
    public static final long NO_RETRY = -1;

    private final int maxRetries;
    private final long baseDelay;
    private final long maxDelay;

    public RetryPolicy(int maxRetries, long baseDelay, long maxDelay) {
        this.maxRetries = maxRetries;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    /**
     * The delay in milliseconds before the next attempt, or {@link #NO_RETRY}.
     *
     * @param call    the request
     * @param attempt the number of the attempt that just ended, from 1
     * @param result  its answer, or null when it failed
     * @param error   its transport failure, or null
     */
    public long nextDelay(HttpCall call, int attempt, HttpResult result, Throwable error) {
        if (attempt > maxRetries || !isRetryable(call, result, error)) {
            return NO_RETRY;
        }
        if (result != null && result.retryAfter() != null) {
            long asked = parseRetryAfter(result.retryAfter(), Instant.now());
            if (asked >= 0) {
                return Math.min(asked, maxDelay);
            }
        }
        long ceiling = Math.min(maxDelay, baseDelay << Math.min(attempt - 1, 30));
        return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    /**
     * Whether the outcome may be retried at all, whatever the attempt count.
     */
    public static boolean isRetryable(HttpCall call, HttpResult result, Throwable error) {
        if (result != null) {
            int status = result.status();
            if (status == 429 || status == 503) {
                return true;
            }
            return isIdempotent(call) && (status == 500 || status == 502 || status == 504);
        }
        return isBeforeSending(error) || isIdempotent(call);
    }

    /**
     * GET and PATCH may be repeated after the server may have acted on them.
     */
    static boolean isIdempotent(HttpCall call) {
        return call.method() == io.github.camelhightouch.HightouchHttpMethod.GET
               || call.method() == io.github.camelhightouch.HightouchHttpMethod.PATCH;
    }

    /**
     * Whether a failure happened before the request could have been sent: no connection was made.
     */
    public static boolean isBeforeSending(Throwable e) {
        return e instanceof ConnectException || e instanceof ConnectTimeoutException
               || e instanceof UnknownHostException || e instanceof NoRouteToHostException;
    }

    /**
     * Retry-After in milliseconds, from delta-seconds or an HTTP date; -1 when it cannot be read.
     */
    static long parseRetryAfter(String value, Instant now) {
        String text = value.trim();
        try {
            return Math.max(0, Long.parseLong(text)) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(now, date.toInstant()).toMillis());
            } catch (DateTimeParseException notDate) {
                return -1;
            }
        }
    }
}
