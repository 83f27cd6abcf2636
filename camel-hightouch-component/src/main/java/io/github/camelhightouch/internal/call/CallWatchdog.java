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

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends the calls whose {@code requestTimeout} has passed, for every endpoint of a component: one task that looks at
 * the live calls every {@value #TICK_MILLIS} ms, instead of a timer per call on the hot path. A call therefore ends
 * at most one tick after its deadline, wherever it is.
 */
public final class CallWatchdog {

    /** How often the live calls are looked at: the most a call may overrun its deadline, plus scheduling. */
    public static final long TICK_MILLIS = 50;

    private final Set<CallRunner> runners = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> task;

    public CallWatchdog(ScheduledExecutorService scheduler) {
        this.task = scheduler.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Watches the calls of a runner. */
    public void watch(CallRunner runner) {
        runners.add(runner);
    }

    /** Stops watching a runner (closed). */
    public void forget(CallRunner runner) {
        runners.remove(runner);
    }

    /** Stops the watchdog, after closing every runner it watched. */
    public void close(String reason) {
        for (CallRunner runner : runners) {
            runner.close(reason);
        }
        runners.clear();
        task.cancel(false);
    }

    private void tick() {
        long now = System.nanoTime();
        for (CallRunner runner : runners) {
            try {
                runner.expireOverdue(now);
            } catch (RuntimeException e) {
                // a failing callback of one call must not stop the watchdog for all others
                org.slf4j.LoggerFactory.getLogger(CallWatchdog.class).warn("Ending an overdue Hightouch call failed", e);
            }
        }
    }
}
