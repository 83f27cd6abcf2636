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
package io.github.camelhightouch.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.camelhightouch.internal.SyncRunWaiter.RunType;
import io.github.camelhightouch.internal.SyncRunsReader.SyncRun;

/**
 * Remembers which (run, status) pairs the consumer has emitted, so that each is emitted once: a run is new when first
 * seen, and again each time it shows a status it had not shown before. Runs that a complete poll no longer lists
 * are forgotten, so that memory follows what the polls return.
 */
public final class RunChangeTracker {

    private final boolean terminalOnly;
    private final Map<String, Set<String>> emitted = new HashMap<>();

    public RunChangeTracker(boolean terminalOnly) {
        this.terminalOnly = terminalOnly;
    }

    /**
     * The runs of a complete poll that are to be emitted, in order, each marked as emitted.
     */
    public List<SyncRun> changes(List<SyncRun> polled) {
        List<SyncRun> changes = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (SyncRun run : polled) {
            String key = run.syncId() + "/" + run.runId();
            listed.add(key);
            String status = String.valueOf(run.status());
            if (terminalOnly && !RunType.SYNC_RUN.isTerminal(run.status())) {
                continue;
            }
            if (emitted.computeIfAbsent(key, k -> new HashSet<>()).add(status)) {
                changes.add(run);
            }
        }
        emitted.keySet().retainAll(listed);
        return changes;
    }
}
