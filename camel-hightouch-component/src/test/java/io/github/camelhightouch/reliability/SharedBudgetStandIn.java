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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * One workspace budget shared by every client of the stand-in: at most {@code limit} accepted requests in any sliding
 * window, 429 past it, as Hightouch counts per workspace whatever replica sends. Keeps when each answer was given and
 * whether it was a 429, so that a test can see how the 429s spread over a run.
 */
final class SharedBudgetStandIn implements ResponseDefinitionTransformerV2 {

    /** One answer: when (System.nanoTime()) and whether it was a 429. */
    record Outcome(long at, boolean throttled) {
    }

    final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final int limit;
    private final long windowNanos;
    private final Deque<Long> accepted = new ArrayDeque<>();

    SharedBudgetStandIn(int limit, long windowMillis) {
        this.limit = limit;
        this.windowNanos = windowMillis * 1_000_000L;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        long now = System.nanoTime();
        boolean throttled;
        synchronized (accepted) {
            while (!accepted.isEmpty() && now - accepted.peekFirst() >= windowNanos) {
                accepted.pollFirst();
            }
            throttled = accepted.size() >= limit;
            if (!throttled) {
                accepted.addLast(now);
            }
        }
        outcomes.add(new Outcome(now, throttled));
        if (throttled) {
            return responseDefinition().withStatus(429).withHeader("Content-Type", "application/json")
                    .withBody("{\"message\":\"rate limit exceeded\"}").build();
        }
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"data\":[],\"hasMore\":false}").build();
    }

    /** How many answers in [from, to) were 429s, and how many answers there were. */
    int[] throttledBetween(long from, long to) {
        int throttled = 0;
        int all = 0;
        for (Outcome outcome : outcomes) {
            if (outcome.at() - from >= 0 && outcome.at() - to < 0) {
                all++;
                if (outcome.throttled()) {
                    throttled++;
                }
            }
        }
        return new int[] {throttled, all};
    }

    @Override
    public String getName() {
        return "shared-budget-hightouch";
    }
}
