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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelhightouch.internal.call.Deadlines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The group's promises that no stand-in can time: a lone wait polls at once, as it did before polls were shared, and
 * a list that hangs holds only the waits of its own round, never a wait that asked after it started.
 */
@Timeout(20)
class RunPollGroupTest {

    private static final long INTERVAL = 500;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static long deadlineIn(long millis) {
        return Deadlines.after(System.nanoTime(), millis);
    }

    @Test
    void aLoneWaitPollsAtOnceOnTheAskingThread() {
        RunPollGroup group = new RunPollGroup(scheduler, 100, () -> { });
        AtomicInteger lists = new AtomicInteger();
        for (int poll = 0; poll < 3; poll++) {
            Thread asking = Thread.currentThread();
            Thread[] polledOn = new Thread[1];
            CompletableFuture<Map<String, Object>> answer = group.poll("7", Instant.now(), INTERVAL, deadlineIn(60_000),
                    (since, offset, deadline) -> {
                        lists.incrementAndGet();
                        return new CompletableFuture<>();
                    },
                    deadline -> {
                        polledOn[0] = Thread.currentThread();
                        return CompletableFuture.completedFuture(Map.of("id", 7, "status", "processing"));
                    });
            // no gathering moment, no scheduler hop: the poll was sent before poll() returned
            assertThat(polledOn[0]).as("poll %d", poll).isSameAs(asking);
            assertThat(answer).isCompletedWithValue(Map.of("id", 7, "status", "processing"));
        }
        assertThat(lists).hasValue(0);
    }

    @Test
    void aWaitThatAsksWhileAListHangsIsAnsweredWithinItsOwnDeadline() throws Exception {
        RunPollGroup group = new RunPollGroup(scheduler, 100, () -> { });
        CompletableFuture<Object> hanging = new CompletableFuture<>();
        AtomicInteger lists = new AtomicInteger();
        RunPollGroup.RunList list = (since, offset, deadline) -> {
            lists.incrementAndGet();
            return hanging;
        };
        // a first wait polls alone; then two waits with an hour to go share a list that never answers
        group.poll("0", Instant.now(), INTERVAL, deadlineIn(3_600_000), list,
                deadline -> CompletableFuture.completedFuture(Map.of("id", 0, "status", "processing")));
        CompletableFuture<Map<String, Object>> first = group.poll("1", Instant.now(), INTERVAL, deadlineIn(3_600_000),
                list, deadline -> CompletableFuture.completedFuture(Map.of("id", 1, "status", "processing")));
        CompletableFuture<Map<String, Object>> second = group.poll("2", Instant.now(), INTERVAL, deadlineIn(3_600_000),
                list, deadline -> CompletableFuture.completedFuture(Map.of("id", 2, "status", "processing")));
        while (lists.get() == 0) {
            Thread.sleep(5);
        }
        // a third wait, with 3 intervals left, asks while that list is out
        long shortDeadline = deadlineIn(3 * INTERVAL);
        CompletableFuture<Map<String, Object>> third = group.poll("3", Instant.now(), INTERVAL, shortDeadline, list,
                deadline -> CompletableFuture.completedFuture(Map.of("id", 3, "status", "success")));
        // generous: its deadline (1.5 s) plus 3 s; before, it waited for the hanging list, that is for an hour
        assertThat(third.get(3 * INTERVAL + 3000, TimeUnit.MILLISECONDS)).containsEntry("status", "success");
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        hanging.complete(Map.of("data", java.util.List.of(Map.of("id", 1, "status", "success"),
                Map.of("id", "2", "status", "failed")), "hasMore", false));
        assertThat(first.get(5, TimeUnit.SECONDS)).containsEntry("status", "success");
        assertThat(second.get(5, TimeUnit.SECONDS)).containsEntry("status", "failed");
    }

    @Test
    void aListReachesBackToTheOldestRunAsHightouchReportedIt() throws Exception {
        RunPollGroup group = new RunPollGroup(scheduler, 100, () -> { });
        java.util.List<Instant> afters = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunPollGroup.RunList list = (since, offset, deadline) -> {
            afters.add(since);
            return CompletableFuture.completedFuture(Map.of("data", java.util.List.of(
                    Map.of("id", 1, "status", "processing", "createdAt", "2030-01-01T10:00:00Z"),
                    Map.of("id", 2, "status", "processing", "createdAt", "2030-01-01T10:00:05Z")), "hasMore", false));
        };
        // each run answered once by its own poll, with the creation time of Hightouch's clock
        String[] created = { null, "2030-01-01T10:00:00Z", "2030-01-01T10:00:05Z" };
        for (String run : new String[] { "1", "2" }) {
            group.poll(run, Instant.now(), 100, deadlineIn(60_000), list, deadline -> CompletableFuture.completedFuture(
                    Map.of("id", run, "status", "queued", "createdAt", created[Integer.parseInt(run)])))
                    .get(5, TimeUnit.SECONDS);
        }
        CompletableFuture<Map<String, Object>> first = group.poll("1", Instant.now(), 100, deadlineIn(60_000), list,
                deadline -> CompletableFuture.failedFuture(new AssertionError("answered by the list")));
        CompletableFuture<Map<String, Object>> second = group.poll("2", Instant.now(), 100, deadlineIn(60_000), list,
                deadline -> CompletableFuture.failedFuture(new AssertionError("answered by the list")));
        assertThat(first.get(5, TimeUnit.SECONDS)).containsEntry("status", "processing");
        assertThat(second.get(5, TimeUnit.SECONDS)).containsEntry("status", "processing");
        // not the local clock less 5 minutes: the old runs of the sync would fill the pages
        assertThat(afters).containsExactly(Instant.parse("2030-01-01T09:59:59Z"));
    }

    @Test
    void anOldRunWaitedOnAgainDoesNotDragTheListBack() throws Exception {
        RunPollGroup group = new RunPollGroup(scheduler, 100, () -> { });
        java.util.List<Instant> afters = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunPollGroup.RunList list = (since, offset, deadline) -> {
            afters.add(since);
            return CompletableFuture.completedFuture(Map.of("data", java.util.List.of(
                    Map.of("id", 1, "status", "processing"), Map.of("id", 2, "status", "processing")), "hasMore", false));
        };
        Instant start = Instant.now();
        // run 1 was created a year ago (a wait resumed on it), run 2 now
        String[] created = { null, start.minusSeconds(365L * 24 * 3600).toString(), start.toString() };
        for (String run : new String[] { "1", "2" }) {
            group.poll(run, start, 100, deadlineIn(60_000), list, deadline -> CompletableFuture.completedFuture(
                    Map.of("id", run, "status", "queued", "createdAt", created[Integer.parseInt(run)])))
                    .get(5, TimeUnit.SECONDS);
        }
        CompletableFuture<Map<String, Object>> first = group.poll("1", start, 100, deadlineIn(60_000), list,
                deadline -> CompletableFuture.failedFuture(new AssertionError("answered by the list")));
        CompletableFuture<Map<String, Object>> second = group.poll("2", start, 100, deadlineIn(60_000), list,
                deadline -> CompletableFuture.failedFuture(new AssertionError("answered by the list")));
        assertThat(first.get(5, TimeUnit.SECONDS)).containsEntry("status", "processing");
        assertThat(second.get(5, TimeUnit.SECONDS)).containsEntry("status", "processing");
        assertThat(afters).isNotEmpty().allSatisfy(after -> assertThat(after)
                .isEqualTo(start.minusMillis(RunPollGroup.CLOCK_MARGIN_MILLIS)));
    }
}
