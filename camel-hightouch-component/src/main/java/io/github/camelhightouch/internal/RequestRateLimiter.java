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

import java.util.concurrent.TimeUnit;

/**
 * At most {@code permits} requests in any window of {@code period}: a token bucket whose every token comes back
 * exactly one period after it was spent. Unlike a bucket refilled at a steady rate, it never lets a burst and the
 * refill together exceed the limit in one window, which is how Hightouch counts (200 requests per 10 seconds).
 * <p>
 * Callers reserve a slot and are told how long to wait for it; nobody blocks here, so an asynchronous caller waits on
 * a scheduler, not on a thread.
 */
public final class RequestRateLimiter {

    private final long periodNanos;
    private final long[] slots;
    private int next;

    public RequestRateLimiter(int permits, long periodMillis) {
        if (permits <= 0 || periodMillis <= 0) {
            throw new IllegalArgumentException("rateLimit and rateLimitPeriod must be positive");
        }
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        this.slots = new long[permits];
        long past = System.nanoTime() - periodNanos;
        java.util.Arrays.fill(slots, past);
    }

    /**
     * Reserves the next free slot.
     *
     * @return how many milliseconds the caller must wait before sending (0: send now)
     */
    public long reserve() {
        long now = System.nanoTime();
        long at;
        synchronized (this) {
            // the oldest reservation frees its token one period after it was used
            at = Math.max(now, slots[next] + periodNanos);
            slots[next] = at;
            next = (next + 1) % slots.length;
        }
        long waitNanos = at - now;
        return waitNanos <= 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999);
    }
}
