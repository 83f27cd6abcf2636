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
package io.github.camelhightouch.internal.observe;

import java.util.Collection;

import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.internal.call.RequestRateLimiter;

/**
 * The live figures of the hightouch components of one CamelContext, read when asked (JMX, the dev console, a metrics
 * scrape): the rate limiters are the context's (one per API key, shared by its components), the rest is summed over
 * its started components. Reading takes no lock the request path holds for longer than a queue operation.
 *
 * @param rateLimiters   how many rate limiters (API keys) there are
 * @param queuedRequests requests waiting for a rate-limit token, over all limiters
 * @param currentRate    requests per period the limiters allow now (adapted to 429s), summed
 * @param tokensFree     requests that could go at once now without waiting, summed
 * @param activeWaits    waits for runs in progress
 * @param poolLeased     HTTP connections in use
 * @param poolAvailable  HTTP connections idle in the pools
 * @param poolPending    requests waiting for an HTTP connection
 * @param poolMax        the most HTTP connections the pools hold
 * @param eventsHeld     events queued or in flight in the events endpoints
 */
public record Figures(int rateLimiters, int queuedRequests, int currentRate, int tokensFree, int activeWaits,
                      int poolLeased, int poolAvailable, int poolPending, int poolMax, int eventsHeld) {

    /** The figures of these limiters and components. */
    public static Figures of(Collection<RequestRateLimiter> limiters, Collection<HightouchComponent> components) {
        int queued = 0;
        int rate = 0;
        int free = 0;
        for (RequestRateLimiter limiter : limiters) {
            queued += limiter.waitingCount();
            rate += limiter.currentRate();
            free += limiter.tokensFree();
        }
        int waits = 0;
        int leased = 0;
        int available = 0;
        int pending = 0;
        int max = 0;
        int events = 0;
        for (HightouchComponent component : components) {
            waits += component.getActiveWaits();
            leased += component.getHttpPoolLeased();
            available += component.getHttpPoolAvailable();
            pending += component.getHttpPoolPending();
            max += component.getHttpPoolMax();
            events += component.getEventsHeld();
        }
        return new Figures(limiters.size(), queued, rate, free, waits, leased, available, pending, max, events);
    }
}
