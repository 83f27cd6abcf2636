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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.camelhightouch.internal.run.SyncRunWaiter.RunType;
import org.apache.camel.spi.IdempotentRepository;

/**
 * Decides which runs of a poll the consumer emits, so that each (run, status) is delivered once: a run and status is
 * emitted until the route has processed it, then never again. What was delivered is kept in an
 * {@link IdempotentRepository} under the key {@code syncId/runId/status}, and only there: a run that one poll does not
 * list (shifted to another page, briefly absent) is still known when it reappears, and a persistent repository keeps
 * it across restarts. With terminalOnly, a run is emitted only in a finished status, and nothing else is stored.
 */
public final class RunChangeTracker {

    private final IdempotentRepository delivered;
    private final boolean terminalOnly;

    /**
     * @param delivered    the keys of what was delivered, read and written by this tracker
     * @param terminalOnly whether only finished runs are emitted
     */
    public RunChangeTracker(IdempotentRepository delivered, boolean terminalOnly) {
        this.delivered = delivered;
        this.terminalOnly = terminalOnly;
    }

    /**
     * The runs of a complete poll that are to be emitted, in the order listed: those whose status was not delivered
     * yet, each once even when a page shift lists it twice. Nothing is recorded here: see {@link #delivered(SyncRun)}.
     */
    public List<SyncRun> changes(List<SyncRun> polled) {
        List<SyncRun> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SyncRun run : polled) {
            if (terminalOnly && !RunType.SYNC_RUN.isTerminal(run.status())) {
                continue;
            }
            String key = key(run);
            if (seen.add(key) && !delivered.contains(key)) {
                changes.add(run);
            }
        }
        return changes;
    }

    /**
     * Records that the route processed the run in its status, so that it is not emitted again.
     */
    public void delivered(SyncRun run) {
        delivered.add(key(run));
    }

    /**
     * The key of a run in its status: {@code syncId/runId/status}.
     */
    public static String key(SyncRun run) {
        return run.syncId() + "/" + run.runId() + "/" + run.status();
    }
}
