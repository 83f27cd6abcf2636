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

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.camelhightouch.internal.run.SyncRunWaiter.RunType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer's bookkeeping, over any sequence of polls: runs listed, left out, listed twice or in any status, some
 * deliveries failing, the consumer restarted on the same repository at any poll.
 */
class RunChangeTrackerTest {

    private static final List<String> STATUSES = List.of("queued", "querying", "processing", "reporting", "success",
            "warning", "failed", "cancelled", "interrupted");

    /** One run of a poll: sync, run id and status. */
    record Listed(String syncId, int runId, String status) {
        SyncRun run() {
            return new SyncRun(syncId, Map.of("id", runId, "status", status));
        }

        String key() {
            return syncId + "/" + runId + "/" + status;
        }
    }

    /** What a simulated consumer did. */
    record Outcome(List<String> delivered, Set<String> listed, IdempotentRepository repository) {
    }

    @Provide
    Arbitrary<List<List<Listed>>> polls() {
        Arbitrary<Listed> listed = Combinators.combine(Arbitraries.of("1", "2"), Arbitraries.integers().between(1, 4),
                Arbitraries.of(STATUSES)).as(Listed::new);
        return listed.list().ofMaxSize(8).list().ofMaxSize(12);
    }

    @Property(tries = 300)
    void eachRunAndStatusIsDeliveredExactlyOnce(
            @ForAll("polls") List<List<Listed>> polls, @ForAll List<Boolean> failures,
            @ForAll List<Boolean> restarts, @ForAll boolean terminalOnly) {
        Outcome outcome = simulate(polls, failures, restarts, terminalOnly);

        Set<String> expected = new LinkedHashSet<>();
        for (String key : outcome.listed()) {
            if (!terminalOnly || RunType.SYNC_RUN.isTerminal(key.substring(key.lastIndexOf('/') + 1))) {
                expected.add(key);
            }
        }
        // never twice, and (after a last poll that lists everything and fails nothing) each at least once
        assertThat(outcome.delivered()).doesNotHaveDuplicates();
        assertThat(outcome.delivered()).containsExactlyInAnyOrderElementsOf(expected);
        // the repository holds what was delivered, nothing else: no status terminalOnly skips, no failed delivery
        for (String key : outcome.listed()) {
            assertThat(outcome.repository().contains(key)).as(key).isEqualTo(expected.contains(key));
        }
    }

    @Example
    void aRunLeftOutOfOnePollIsNotEmittedAgain() {
        List<List<Listed>> polls = List.of(
                List.of(new Listed("1", 1, "success"), new Listed("1", 2, "queued")),
                List.of(new Listed("1", 2, "queued")),
                List.of(),
                List.of(new Listed("1", 1, "success"), new Listed("1", 2, "queued")));

        assertThat(simulate(polls, List.of(), List.of(), false).delivered()).containsExactly("1/1/success", "1/2/queued");
    }

    @Example
    void aRunListedTwiceInOnePollIsEmittedOnce() {
        List<List<Listed>> polls = List.of(List.of(new Listed("1", 1, "queued"), new Listed("1", 1, "queued")));

        assertThat(simulate(polls, List.of(), List.of(), false).delivered()).containsExactly("1/1/queued");
    }

    /**
     * Runs the polls, then one that lists every run seen and fails nothing. Each delivery fails when the next of the
     * failures says so; before each poll, the consumer restarts (a new tracker on the same repository) when the next
     * of the restarts says so.
     */
    private static Outcome simulate(List<List<Listed>> polls, List<Boolean> failures, List<Boolean> restarts,
                                    boolean terminalOnly) {
        IdempotentRepository repository = MemoryIdempotentRepository.memoryIdempotentRepository(1000);
        Set<String> listed = new LinkedHashSet<>();
        List<Listed> everything = new ArrayList<>();
        polls.forEach(everything::addAll);
        List<List<Listed>> all = new ArrayList<>(polls);
        all.add(everything);

        List<String> delivered = new ArrayList<>();
        Iterator<Boolean> failure = failures.iterator();
        Iterator<Boolean> restart = restarts.iterator();
        RunChangeTracker tracker = new RunChangeTracker(repository, terminalOnly);
        for (int i = 0; i < all.size(); i++) {
            boolean last = i == all.size() - 1;
            if (restart.hasNext() && restart.next()) {
                tracker = new RunChangeTracker(repository, terminalOnly);
            }
            List<SyncRun> poll = all.get(i).stream().map(Listed::run).toList();
            all.get(i).forEach(run -> listed.add(run.key()));
            for (SyncRun run : tracker.changes(poll)) {
                boolean fails = !last && failure.hasNext() && failure.next();
                if (!fails) {
                    delivered.add(RunChangeTracker.key(run));
                    tracker.delivered(run);
                }
            }
        }
        return new Outcome(delivered, listed, repository);
    }
}
