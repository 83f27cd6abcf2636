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

import java.util.concurrent.TimeUnit;

/**
 * Deadlines on {@link System#nanoTime()}, free of overflow: a duration of any size (up to {@code Long.MAX_VALUE}
 * milliseconds) gives a deadline at most about 73 years ahead, and deadlines are only ever compared by difference, as
 * {@code nanoTime} requires.
 */
public final class Deadlines {

    /** The farthest a deadline can be: far beyond any run, and safe to compare by difference. */
    private static final long MAX_AHEAD = Long.MAX_VALUE / 4;

    private Deadlines() {
    }

    /** The deadline {@code millis} after {@code now}. */
    public static long after(long now, long millis) {
        return now + Math.min(TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis)), MAX_AHEAD);
    }

    /** The earlier of two deadlines. */
    public static long earlier(long a, long b) {
        return a - b <= 0 ? a : b;
    }

    /** Milliseconds left until the deadline, 0 when it has passed. */
    public static long millisLeft(long deadline) {
        long left = deadline - System.nanoTime();
        return left <= 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(left);
    }

    /** Whether the deadline has passed. */
    public static boolean passed(long deadline, long now) {
        return deadline - now <= 0;
    }

    /** Whether something that starts in {@code delayMillis} still starts before the deadline. */
    public static boolean fits(long deadline, long delayMillis) {
        return !passed(deadline, after(System.nanoTime(), delayMillis));
    }
}
