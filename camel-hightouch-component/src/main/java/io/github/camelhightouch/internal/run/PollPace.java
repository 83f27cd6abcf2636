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
package io.github.camelhightouch.internal.run;

import java.util.function.IntSupplier;

/**
 * How far a wait stretches its poll interval when the rate-limit budget is tight: by one interval for each full
 * rate's worth of requests waiting for the limiter, up to {@link #MAX_STRETCH} times the interval. A queue that
 * needs a whole period to drain doubles the interval; polling faster would only queue behind it. The wait's deadline
 * still bounds every delay, so its last poll comes by its timeout.
 */
public final class PollPace {

    /** The most an interval is stretched: 4 times pollInterval. */
    public static final int MAX_STRETCH = 4;

    /** No stretching: the interval as configured. */
    public static final PollPace STEADY = new PollPace(() -> 0, () -> 1);

    private final IntSupplier waiting;
    private final IntSupplier rate;

    /**
     * @param waiting how many requests wait for the limiter now
     * @param rate    how many requests the limiter lets through per period now
     */
    public PollPace(IntSupplier waiting, IntSupplier rate) {
        this.waiting = waiting;
        this.rate = rate;
    }

    /** The delay before the next poll, in milliseconds. */
    public long delay(long pollInterval) {
        return pollInterval * stretch(waiting.getAsInt(), rate.getAsInt());
    }

    /** 1 + the full rates' worth of waiting requests, at most {@link #MAX_STRETCH}. */
    static long stretch(int waiting, int rate) {
        return Math.min(MAX_STRETCH, 1 + (long) waiting / Math.max(1, rate));
    }
}
