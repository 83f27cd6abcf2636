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
package io.github.camelhightouch.internal.progress;

import java.util.List;
import java.util.Map;

import io.github.camelhightouch.internal.BoundedText;

/**
 * The counts of a run as a progress line shows them: only numbers are taken from the run (a server's text could be
 * anything), so the line stays short and holds no echoed value.
 */
public final class RunCounts {

    /** The longest status a line shows; a longer one is cut. */
    static final int MAX_STATUS = 60;

    private static final List<String> ROWS = List.of("plannedRows", "successfulRows", "failedRows");
    private static final List<String> IDR_STATS = List.of("numSourceRows", "numNewUniqueProfiles", "numUniqueProfiles");

    private RunCounts() {
    }

    /** The status as a line shows it. */
    public static String status(String status) {
        return status == null ? "(no status)" : BoundedText.cut(status, MAX_STATUS);
    }

    /**
     * The counts the run has, for example {@code , plannedRows 100 added 20 changed 0 removed, ..., completionRatio 0.5}
     * for a sync run, {@code , 2 of 3 sync runs done} for a sync sequence run, or an empty string when it has none.
     */
    public static String of(Map<String, Object> run) {
        if (run == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (String rows : ROWS) {
            if (run.get(rows) instanceof Map<?, ?> counts) {
                Object added = number(counts.get("addedCount"));
                Object changed = number(counts.get("changedCount"));
                Object removed = number(counts.get("removedCount"));
                if (added != null || changed != null || removed != null) {
                    text.append(", ").append(rows).append(' ').append(orZero(added)).append(" added ")
                            .append(orZero(changed)).append(" changed ").append(orZero(removed)).append(" removed");
                }
            }
        }
        Object ratio = number(run.get("completionRatio"));
        if (ratio != null) {
            text.append(", completionRatio ").append(ratio);
        }
        if (run.get("syncRuns") instanceof List<?> syncRuns) {
            long done = syncRuns.stream().filter(r -> r instanceof Map<?, ?> m && m.get("finishedAt") != null).count();
            text.append(", ").append(done).append(" of ").append(syncRuns.size()).append(" sync runs finished");
        }
        if (run.get("stats") instanceof Map<?, ?> stats) {
            for (String stat : IDR_STATS) {
                Object value = number(stats.get(stat));
                if (value != null) {
                    text.append(", ").append(stat).append(' ').append(value);
                }
            }
        }
        return text.toString();
    }

    /** A number as text, cut when a server sends one of thousands of digits. */
    private static Object number(Object value) {
        return value instanceof Number number ? BoundedText.cut(number.toString(), MAX_STATUS) : null;
    }

    private static Object orZero(Object value) {
        return value == null ? 0 : value;
    }
}
