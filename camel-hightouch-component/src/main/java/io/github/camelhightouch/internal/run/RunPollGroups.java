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

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongFunction;

import io.github.camelhightouch.internal.run.RunPollGroup.RunList;
import io.github.camelhightouch.internal.run.SyncRunWaiter.RunType;

/**
 * The {@link RunPollGroup}s of a component: one per rate-limit budget (an API key's limiter), origin, kind of run and
 * owner, so that waits share a list only where one request can answer them all and spend the same budget. Waits of
 * different keys never share a poll.
 */
public final class RunPollGroups {

    /**
     * What makes polls shareable.
     *
     * @param budget  the rate limiter of the key (or, without one, the endpoint's call runner): compared by identity
     * @param origin  the base URL the lists go to
     * @param type    the kind of run
     * @param ownerId the sync or graph id
     */
    private record Key(Budget budget, String origin, RunType type, String ownerId) {
    }

    /** An object compared by identity, whatever its equals. */
    private record Budget(Object of) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Budget budget && budget.of == of;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(of);
        }
    }

    private final ScheduledExecutorService scheduler;
    private final Map<Key, RunPollGroup> groups = new ConcurrentHashMap<>();

    public RunPollGroups(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * One poll of a run, answered by the shared list of its owner's runs (or by its own poll, see
     * {@link RunPollGroup}).
     *
     * @param budget   the key's rate limiter, or another object that stands for the budget
     * @param pageSize runs per list page
     */
    public CompletableFuture<Map<String, Object>> poll(Object budget, String origin, RunType type, String ownerId,
                                                       int pageSize, String runId, Instant since, long interval,
                                                       long deadline, RunList list,
                                                       LongFunction<CompletableFuture<Map<String, Object>>> ownPoll) {
        Key key = new Key(new Budget(budget), origin, type, ownerId);
        while (true) {
            RunPollGroup group = groups.computeIfAbsent(key, k -> newGroup(k, pageSize));
            CompletableFuture<Map<String, Object>> answer = group.poll(runId, since, interval, deadline, list, ownPoll);
            if (answer != null) {
                return answer;
            }
            // retired meanwhile: it leaves the map, the next turn makes a new one
            groups.remove(key, group);
        }
    }

    private RunPollGroup newGroup(Key key, int pageSize) {
        RunPollGroup[] made = new RunPollGroup[1];
        made[0] = new RunPollGroup(scheduler, pageSize, () -> groups.remove(key, made[0]));
        return made[0];
    }

    /** How many groups are live; for tests. */
    public int size() {
        return groups.size();
    }

    /** Forgets every group (the component stops; their waits are ended by the waiter). */
    public void clear() {
        groups.clear();
    }
}
