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

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import io.github.camelhightouch.HightouchHttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static final HttpCall CREATE = new HttpCall("createSource", HightouchHttpMethod.POST, "https://h/sources",
            new byte[0], Map.of());
    private static final HttpCall GET = new HttpCall("raw", HightouchHttpMethod.GET, "https://h/sources", null, Map.of());
    private static final HttpCall PATCH = new HttpCall("raw", HightouchHttpMethod.PATCH, "https://h/sources/1", null,
            Map.of());

    private final RetryPolicy policy = new RetryPolicy(3, 100, 1000);

    @Test
    void serverRefusalsAndConnectFailuresAreRetriedForEveryMethod() {
        for (HttpCall call : new HttpCall[] { CREATE, GET, PATCH }) {
            assertThat(policy.nextDelay(call, 1, result(429, null), null)).isBetween(0L, 100L);
            assertThat(policy.nextDelay(call, 1, result(503, null), null)).isBetween(0L, 100L);
            assertThat(policy.nextDelay(call, 1, null, new ConnectException("refused"))).isBetween(0L, 100L);
        }
    }

    @Test
    void whatTheServerMayHaveDoneIsRetriedForGetAndPatchOnly() {
        for (int status : new int[] { 500, 502, 504 }) {
            assertThat(policy.nextDelay(CREATE, 1, result(status, null), null)).isEqualTo(RetryPolicy.NO_RETRY);
            assertThat(policy.nextDelay(GET, 1, result(status, null), null)).isNotNegative();
            assertThat(policy.nextDelay(PATCH, 1, result(status, null), null)).isNotNegative();
        }
        IOException afterSending = new SocketTimeoutException("Read timed out");
        assertThat(policy.nextDelay(CREATE, 1, null, afterSending)).isEqualTo(RetryPolicy.NO_RETRY);
        assertThat(policy.nextDelay(GET, 1, null, afterSending)).isNotNegative();
    }

    @Test
    void clientErrorsAreNeverRetried() {
        for (int status : new int[] { 400, 401, 403, 404, 409, 422 }) {
            assertThat(policy.nextDelay(GET, 1, result(status, null), null)).isEqualTo(RetryPolicy.NO_RETRY);
        }
    }

    @Test
    void attemptsStopAtMaxRetries() {
        assertThat(policy.nextDelay(GET, 3, result(503, null), null)).isNotNegative();
        assertThat(policy.nextDelay(GET, 4, result(503, null), null)).isEqualTo(RetryPolicy.NO_RETRY);
    }

    @Test
    void backoffGrowsExponentiallyUnderTheCap() {
        long maxSeen = 0;
        for (int i = 0; i < 500; i++) {
            long delay = new RetryPolicy(10, 100, 1000).nextDelay(GET, 3, result(503, null), null);
            assertThat(delay).isBetween(0L, 400L);
            maxSeen = Math.max(maxSeen, delay);
        }
        assertThat(maxSeen).as("full jitter spreads up to base * 2^(attempt-1)").isGreaterThan(200L);
        assertThat(new RetryPolicy(10, 100, 1000).nextDelay(GET, 9, result(503, null), null)).isBetween(0L, 1000L);
    }

    @Test
    void retryAfterIsHonouredAndCapped() {
        assertThat(policy.nextDelay(CREATE, 1, result(429, "0"), null)).isZero();
        assertThat(policy.nextDelay(CREATE, 1, result(429, "1"), null)).isEqualTo(1000);
        assertThat(policy.nextDelay(CREATE, 1, result(429, "120"), null)).as("capped by maxRetryDelay").isEqualTo(1000);
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        String inFiveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(5).atOffset(ZoneOffset.UTC));
        assertThat(RetryPolicy.parseRetryAfter(inFiveSeconds, now)).isEqualTo(5000);
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isEqualTo(-1);
        assertThat(policy.nextDelay(CREATE, 1, result(429, "soon"), null)).as("unreadable: backoff").isBetween(0L, 100L);
    }

    private static HttpResult result(int status, String retryAfter) {
        return new HttpResult(status, new byte[0], retryAfter);
    }
}
