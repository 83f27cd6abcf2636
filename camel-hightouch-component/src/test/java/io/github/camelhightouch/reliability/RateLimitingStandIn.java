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
package io.github.camelhightouch.reliability;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * Enforces a limit of requests per sliding window the way a server does, answering 429 past it.
 * A test hands it to the stand-in with HightouchStandIn.transformWith.
 */
final class RateLimitingStandIn implements ResponseDefinitionTransformerV2 {

    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    private final int limit;
    private final long windowNanos;
    private final Deque<Long> arrivals = new ArrayDeque<>();

    RateLimitingStandIn(int limit, long windowMillis) {
        this.limit = limit;
        this.windowNanos = windowMillis * 1_000_000L;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        long now = System.nanoTime();
        synchronized (arrivals) {
            while (!arrivals.isEmpty() && now - arrivals.peekFirst() >= windowNanos) {
                arrivals.pollFirst();
            }
            if (arrivals.size() >= limit) {
                rejected.incrementAndGet();
                System.out.println("RateLimitingStandIn: 429, the window began " + (now - arrivals.peekFirst()) / 1_000_000
                                   + " ms ago and holds " + arrivals.size() + " requests");
                return responseDefinition().withStatus(429).build();
            }
            arrivals.addLast(now);
        }
        accepted.incrementAndGet();
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"data\":[],\"hasMore\":false}").build();
    }

    @Override
    public String getName() {
        return "rate-limiting-hightouch";
    }
}
