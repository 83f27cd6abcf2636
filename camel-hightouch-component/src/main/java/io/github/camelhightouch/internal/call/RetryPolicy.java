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
package io.github.camelhightouch.internal.call;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

import io.github.camelhightouch.internal.http.HightouchRequest;
import io.github.camelhightouch.internal.http.HttpAnswer;
import io.github.camelhightouch.internal.http.SendFailure;

/**
 * Decides whether a failed attempt is repeated and after how long. What may be repeated depends on whether Hightouch
 * can have acted on the request:
 * <ul>
 * <li>always: 429 and 503 (the server says it did not take the request) and failures proven to happen before any
 * byte of the request was written (no connection, TLS handshake, no pooled connection in time);</li>
 * <li>idempotent requests only ({@link HightouchRequest#idempotent()}: reads and updates): also 500, 502, 504, read
 * timeouts and connections lost after sending;</li>
 * <li>a POST that creates or triggers is never repeated once it may have reached the server: that would be a
 * duplicate.</li>
 * </ul>
 * Delays grow exponentially with full jitter; a Retry-After header (seconds or HTTP date) is honoured, capped by the
 * maximum delay. No arithmetic here overflows, whatever the option values.
 */
public final class RetryPolicy {

    /** The answer for an attempt that must not be repeated. */
    public static final long NO_RETRY = -1;

    private final int maxRetries;
    private final long baseDelay;
    private final long maxDelay;
    /** Whether the receiver drops repeated requests (events by messageId), so that any failure may be retried. */
    private final boolean deduplicated;

    public RetryPolicy(int maxRetries, long baseDelay, long maxDelay) {
        this(maxRetries, baseDelay, maxDelay, false);
    }

    private RetryPolicy(int maxRetries, long baseDelay, long maxDelay, boolean deduplicated) {
        this.maxRetries = maxRetries;
        this.baseDelay = Math.max(0, baseDelay);
        this.maxDelay = Math.max(0, maxDelay);
        this.deduplicated = deduplicated;
    }

    /**
     * The policy of the Events API, as its SDKs have it: every 5xx, 429 and failure without an answer is retried,
     * also when the batch may have arrived, because each event carries a messageId by which Hightouch drops
     * duplicates; other answers are final.
     */
    public static RetryPolicy forEvents(int maxRetries, long baseDelay, long maxDelay) {
        return new RetryPolicy(maxRetries, baseDelay, maxDelay, true);
    }

    /**
     * The delay in milliseconds before the next attempt, or {@link #NO_RETRY}.
     *
     * @param attempt the number of the attempt that just ended, from 1
     * @param answer  its answer, or null when it failed
     * @param failure its failure, or null
     */
    public long nextDelay(HightouchRequest request, int attempt, HttpAnswer answer, SendFailure failure) {
        boolean retryable = deduplicated ? isRetryableDeduplicated(answer, failure)
                : isRetryable(request, answer, failure);
        if (attempt > maxRetries || !retryable) {
            return NO_RETRY;
        }
        if (answer != null && answer.retryAfter() != null) {
            long asked = parseRetryAfter(answer.retryAfter(), Instant.now());
            if (asked >= 0) {
                return Math.min(asked, maxDelay);
            }
        }
        return ThreadLocalRandom.current().nextLong(ceiling(attempt));
    }

    /** The jitter ceiling after the given attempt: baseDelay doubled per attempt, capped by maxDelay, plus one. */
    private long ceiling(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 62);
        long ceiling = baseDelay <= (maxDelay >> shift) ? baseDelay << shift : maxDelay;
        return ceiling == Long.MAX_VALUE ? ceiling : ceiling + 1;
    }

    /**
     * Whether the outcome may be retried at all, whatever the attempt count.
     */
    public static boolean isRetryable(HightouchRequest request, HttpAnswer answer, SendFailure failure) {
        if (answer != null) {
            int status = answer.status();
            if (status == 429 || status == 503) {
                return true;
            }
            return request.idempotent() && (status == 500 || status == 502 || status == 504);
        }
        return failure != null && (!failure.mayHaveBeenSent() || request.idempotent());
    }

    /** Whether an outcome of a request that the receiver deduplicates may be retried: 5xx, 429, no answer. */
    static boolean isRetryableDeduplicated(HttpAnswer answer, SendFailure failure) {
        if (answer != null) {
            return answer.status() == 429 || answer.status() >= 500;
        }
        return failure != null;
    }

    /**
     * Whether Hightouch may have acted on an attempt whose outcome is not a plain answer: it got no answer after the
     * request may have been written, or a 5xx other than 503.
     */
    public static boolean mayHaveActed(HttpAnswer answer, SendFailure failure) {
        if (answer != null) {
            return answer.status() >= 500 && answer.status() != 503;
        }
        return failure != null && failure.mayHaveBeenSent();
    }

    /**
     * Retry-After in milliseconds, from delta-seconds or an HTTP date; -1 when it cannot be read.
     */
    static long parseRetryAfter(String value, Instant now) {
        String text = value.trim();
        try {
            long seconds = Math.max(0, Long.parseLong(text));
            return seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(now, date.toInstant()).toMillis());
            } catch (DateTimeParseException | ArithmeticException notDate) {
                return -1;
            }
        }
    }
}
