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

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.internal.http.HightouchOrigin;
import io.github.camelhightouch.internal.http.HightouchRequest;
import io.github.camelhightouch.internal.http.HttpAnswer;
import io.github.camelhightouch.internal.http.SendFailure;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static final HightouchOrigin ORIGIN = HightouchOrigin.of("https://h.example/api/v1");
    private static final HightouchRequest CREATE = request(HightouchOperation.createSource, HightouchHttpMethod.POST);
    private static final HightouchRequest GET = request(HightouchOperation.raw, HightouchHttpMethod.GET);
    private static final HightouchRequest PATCH = request(HightouchOperation.updateSource, HightouchHttpMethod.PATCH);
    private static final HightouchRequest RAW_POST = request(HightouchOperation.raw, HightouchHttpMethod.POST);

    private final RetryPolicy policy = new RetryPolicy(3, 100, 1000);

    private static HightouchRequest request(HightouchOperation operation, HightouchHttpMethod method) {
        return ORIGIN.request(operation.name(), method, ORIGIN.baseUrl() + "/sources", new byte[0], List.of(),
                operation.isIdempotent(method));
    }

    @Test
    void theEventsPolicyRetriesEvery5xx429AndFailureEvenAfterSendingButNoOther4xx() {
        RetryPolicy events = RetryPolicy.forEvents(3, 100, 1000);
        // a batch POST, which the REST policy would never repeat once it may have arrived
        for (int status : new int[] { 429, 500, 501, 502, 503, 504, 507, 599 }) {
            assertThat(events.nextDelay(CREATE, 1, answer(status, null), null)).as("HTTP " + status).isBetween(0L, 100L);
        }
        assertThat(events.nextDelay(CREATE, 1, null, new SendFailure(new SocketTimeoutException("read"), true)))
                .isBetween(0L, 100L);
        assertThat(events.nextDelay(CREATE, 1, null, notSent(new ConnectException("refused")))).isBetween(0L, 100L);
        for (int status : new int[] { 200, 400, 401, 403, 404, 413, 422 }) {
            assertThat(events.nextDelay(CREATE, 1, answer(status, null), null)).as("HTTP " + status)
                    .isEqualTo(RetryPolicy.NO_RETRY);
        }
        assertThat(events.nextDelay(CREATE, 4, answer(500, null), null)).isEqualTo(RetryPolicy.NO_RETRY);
        assertThat(events.nextDelay(CREATE, 1, answer(429, "1"), null)).isEqualTo(1000L);
        // the REST policy is unchanged: 501 on a POST is final
        assertThat(policy.nextDelay(CREATE, 1, answer(501, null), null)).isEqualTo(RetryPolicy.NO_RETRY);
    }

    @Test
    void serverRefusalsAndFailuresBeforeSendingAreRetriedForEveryMethod() {
        for (HightouchRequest call : new HightouchRequest[] { CREATE, GET, PATCH, RAW_POST }) {
            assertThat(policy.nextDelay(call, 1, answer(429, null), null)).isBetween(0L, 100L);
            assertThat(policy.nextDelay(call, 1, answer(503, null), null)).isBetween(0L, 100L);
            assertThat(policy.nextDelay(call, 1, null, notSent(new ConnectException("refused")))).isBetween(0L, 100L);
        }
    }

    @Test
    void whatTheServerMayHaveDoneIsRetriedForIdempotentRequestsOnly() {
        for (int status : new int[] { 500, 502, 504 }) {
            assertThat(policy.nextDelay(CREATE, 1, answer(status, null), null)).isEqualTo(RetryPolicy.NO_RETRY);
            assertThat(policy.nextDelay(RAW_POST, 1, answer(status, null), null)).isEqualTo(RetryPolicy.NO_RETRY);
            assertThat(policy.nextDelay(GET, 1, answer(status, null), null)).isNotNegative();
            assertThat(policy.nextDelay(PATCH, 1, answer(status, null), null)).isNotNegative();
        }
        SendFailure afterSending = new SendFailure(new SocketTimeoutException("Read timed out"), true);
        assertThat(policy.nextDelay(CREATE, 1, null, afterSending)).isEqualTo(RetryPolicy.NO_RETRY);
        assertThat(policy.nextDelay(GET, 1, null, afterSending)).isNotNegative();
    }

    @Test
    void aFailureBeforeAnyByteIsSafeWhateverItsKind() {
        // the kind of exception does not decide: whether a byte was written does (a lease timeout, a TLS failure)
        SendFailure leaseTimeout = notSent(new IOException("no pooled connection in time"));
        assertThat(policy.nextDelay(CREATE, 1, null, leaseTimeout)).isNotNegative();
        SendFailure refusedAfterWriting = new SendFailure(new ConnectException("reset"), true);
        assertThat(policy.nextDelay(CREATE, 1, null, refusedAfterWriting)).isEqualTo(RetryPolicy.NO_RETRY);
    }

    @Test
    void clientErrorsAreNeverRetried() {
        for (int status : new int[] { 400, 401, 403, 404, 409, 422 }) {
            assertThat(policy.nextDelay(GET, 1, answer(status, null), null)).isEqualTo(RetryPolicy.NO_RETRY);
        }
    }

    @Test
    void attemptsStopAtMaxRetries() {
        assertThat(policy.nextDelay(GET, 3, answer(503, null), null)).isNotNegative();
        assertThat(policy.nextDelay(GET, 4, answer(503, null), null)).isEqualTo(RetryPolicy.NO_RETRY);
    }

    @Test
    void backoffGrowsExponentiallyUnderTheCap() {
        long maxSeen = 0;
        for (int i = 0; i < 500; i++) {
            long delay = new RetryPolicy(10, 100, 1000).nextDelay(GET, 3, answer(503, null), null);
            assertThat(delay).isBetween(0L, 400L);
            maxSeen = Math.max(maxSeen, delay);
        }
        assertThat(maxSeen).as("full jitter spreads up to base * 2^(attempt-1)").isGreaterThan(200L);
        assertThat(new RetryPolicy(10, 100, 1000).nextDelay(GET, 9, answer(503, null), null)).isBetween(0L, 1000L);
    }

    @Property(tries = 500)
    void delaysNeverOverflowWhateverTheOptions(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long base,
                                               @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long max,
                                               @ForAll @IntRange(min = 1, max = 1000) int attempt) {
        long delay = new RetryPolicy(1000, base, max).nextDelay(GET, attempt, answer(503, null), null);
        assertThat(delay).isBetween(0L, max);
    }

    @Test
    void retryAfterIsHonouredAndCapped() {
        assertThat(policy.nextDelay(CREATE, 1, answer(429, "0"), null)).isZero();
        assertThat(policy.nextDelay(CREATE, 1, answer(429, "1"), null)).isEqualTo(1000);
        assertThat(policy.nextDelay(CREATE, 1, answer(429, "120"), null)).as("capped by maxRetryDelay").isEqualTo(1000);
        assertThat(policy.nextDelay(CREATE, 1, answer(429, "9223372036854775807"), null)).as("no overflow")
                .isEqualTo(1000);
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        String inFiveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(5).atOffset(ZoneOffset.UTC));
        assertThat(RetryPolicy.parseRetryAfter(inFiveSeconds, now)).isEqualTo(5000);
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isEqualTo(-1);
        assertThat(policy.nextDelay(CREATE, 1, answer(429, "soon"), null)).as("unreadable: backoff").isBetween(0L, 100L);
    }

    private static SendFailure notSent(Exception cause) {
        return new SendFailure(cause, false);
    }

    private static HttpAnswer answer(int status, String retryAfter) {
        return new HttpAnswer(status, new byte[0], retryAfter, 1);
    }
}
