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

/**
 * How many requests per period the limiter lets through right now, adapted to Hightouch's 429 answers (additive
 * increase, multiplicative decrease, as TCP does): several replicas that share one workspace budget each start at the
 * configured rateLimit, and the ones that get 429s back off until together they fit.
 * <ul>
 * <li>A 429 halves the rate, never below 1. Further 429s within one period of that halving do not halve again: they
 * answer requests sent at the old rate.</li>
 * <li>After a quiet period (a whole period without a 429 since the rate last changed), the next answer that is not a
 * 429 raises the rate by a twentieth of the configured rate (at least 1), never above it.</li>
 * </ul>
 * The caller passes the time ({@link System#nanoTime()} in production), so tests drive it with a clock of their own.
 * Thread-safe.
 */
public final class AdaptiveRate {

    private final int configured;
    private final long periodNanos;
    private final int step;
    private int current;
    private long lastDecrease;
    private long lastChange;
    private boolean decreased;

    public AdaptiveRate(int configured, long periodNanos) {
        if (configured <= 0 || periodNanos <= 0) {
            throw new IllegalArgumentException("rateLimit and rateLimitPeriod must be positive");
        }
        this.configured = configured;
        this.periodNanos = periodNanos;
        this.step = Math.max(1, configured / 20);
        this.current = configured;
    }

    /** The requests per period allowed now, between 1 and the configured rate. */
    public synchronized int current() {
        return current;
    }

    /** The configured rate, the most {@link #current()} ever is. */
    public int configured() {
        return configured;
    }

    /** How much one quiet period raises the rate. */
    public int step() {
        return step;
    }

    /** Hightouch answered 429 at {@code now}. */
    public synchronized void throttled(long now) {
        if (decreased && now - lastDecrease < periodNanos) {
            return;
        }
        current = Math.max(1, current / 2);
        decreased = true;
        lastDecrease = now;
        lastChange = now;
    }

    /** Hightouch answered something other than 429 at {@code now}. */
    public synchronized void accepted(long now) {
        if (current >= configured || now - lastChange < periodNanos) {
            return;
        }
        current = Math.min(configured, current + step);
        lastChange = now;
    }
}
