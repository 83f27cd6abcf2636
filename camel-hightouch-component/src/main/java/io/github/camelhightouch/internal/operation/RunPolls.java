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
package io.github.camelhightouch.internal.operation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.camelhightouch.HightouchException;
import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchOperationOptions;
import io.github.camelhightouch.internal.Futures;
import io.github.camelhightouch.internal.body.IdResolver;
import io.github.camelhightouch.internal.body.IdResolver.Id;
import io.github.camelhightouch.internal.call.ApiClient.ApiResponse;
import io.github.camelhightouch.internal.call.RequestRateLimiter;
import io.github.camelhightouch.internal.http.QueryString;
import io.github.camelhightouch.internal.run.PollPace;
import io.github.camelhightouch.internal.run.Runs;
import io.github.camelhightouch.internal.run.SyncRunWaiter;
import io.github.camelhightouch.internal.run.SyncRunWaiter.RunType;

/**
 * The reads that waits are made of: one sync run ({@code GET /syncs/{syncId}/runs?runId=}), one sync sequence run, one
 * identity resolution run, the pages of a sync's or a graph's recent runs, and the id of a sync from its slug; and the
 * waits themselves, handed to the component's {@link SyncRunWaiter}. Waits on sync runs and identity resolution runs
 * poll through the waiter's shared polls ({@link io.github.camelhightouch.internal.run.RunPollGroup}): the waits on one
 * sync or graph through one key share one list per interval. Sync sequence runs are polled one by one: the API has no
 * list of them.
 */
final class RunPolls {

    /** Runs per page of a shared sync run list: Hightouch's default limit. */
    static final int SYNC_RUNS_PAGE = 100;
    /** Runs per page of a shared identity resolution run list: Hightouch's default limit for them. */
    static final int IDR_RUNS_PAGE = 20;

    private static final String SYNC_RUNS = HightouchOperation.getSyncRun.getPath();
    private static final String SEQUENCE_RUN = HightouchOperation.getSyncSequenceRun.getPath();

    private final OperationContext context;

    RunPolls(OperationContext context) {
        this.context = context;
    }

    /**
     * One sync run, or null while it is not visible; a non-2xx answer fails.
     */
    CompletableFuture<Map<String, Object>> syncRun(String syncId, String runId, long deadline) {
        String path = IdResolver.expand(SYNC_RUNS, Id.SYNC, syncId);
        return context.api().call(HightouchOperation.getSyncRun, HightouchHttpMethod.GET, path,
                new QueryString().add("runId", runId), null, true, deadline)
                .thenApply(answer -> Runs.findRun(answer.body(), runId));
    }

    /**
     * One page of a sync's runs started since a time, oldest first ({@code GET /syncs/{syncId}/runs?after=&orderBy=
     * createdAt&limit=}): the shared poll of the waits on that sync.
     */
    CompletableFuture<Object> syncRunsPage(String syncId, Instant after, int offset, long deadline) {
        String path = IdResolver.expand(SYNC_RUNS, Id.SYNC, syncId);
        QueryString query = new QueryString().add("after", after.truncatedTo(ChronoUnit.MILLIS))
                .add("orderBy", "createdAt").add("limit", SYNC_RUNS_PAGE);
        if (offset > 0) {
            query.add("offset", offset);
        }
        return context.api().call(HightouchOperation.listSyncRuns, HightouchHttpMethod.GET, path, query, null, true,
                deadline).thenApply(ApiResponse::body);
    }

    /**
     * One page of a graph's identity resolution runs started since a time ({@code GET /idr/{graphId}/runs?after=
     * &orderBy=created_at&limit=}): the shared poll of the waits on that graph.
     */
    CompletableFuture<Object> idrRunsPage(String graphId, Instant after, int offset, long deadline) {
        String path = IdResolver.expand(HightouchOperation.listIdrRuns.getPath(), Id.GRAPH, graphId);
        QueryString query = new QueryString().add("after", after.truncatedTo(ChronoUnit.MILLIS))
                .add("orderBy", "created_at").add("limit", IDR_RUNS_PAGE);
        if (offset > 0) {
            query.add("offset", offset);
        }
        return context.api().call(HightouchOperation.listIdrRuns, HightouchHttpMethod.GET, path, query, null, true,
                deadline).thenApply(ApiResponse::body);
    }

    /**
     * One sync sequence run; a non-2xx answer fails.
     */
    @SuppressWarnings("unchecked")
    CompletableFuture<Map<String, Object>> sequenceRun(String sequenceRunId, long deadline) {
        String path = IdResolver.expand(SEQUENCE_RUN, Id.SYNC_SEQUENCE_RUN, sequenceRunId);
        return context.api().call(HightouchOperation.getSyncSequenceRun, HightouchHttpMethod.GET, path, null, null, true,
                deadline)
                .thenApply(answer -> answer.body() instanceof Map<?, ?> run ? (Map<String, Object>) run : null);
    }

    /**
     * One identity resolution run ({@code GET /idr/{graphId}/runs?runId=}), or null while it is not visible; a
     * non-2xx answer fails. Sent as waitForIdrRun, a read, whichever operation waits.
     */
    CompletableFuture<Map<String, Object>> idrRun(String graphId, String runId, long deadline) {
        String path = IdResolver.expand(HightouchOperation.waitForIdrRun.getPath(), Id.GRAPH, graphId);
        return context.api().call(HightouchOperation.waitForIdrRun, HightouchHttpMethod.GET, path,
                new QueryString().add("runId", runId), null, true, deadline)
                .thenApply(answer -> Runs.findRun(answer.body(), runId));
    }

    /**
     * Waits for an identity resolution run with the endpoint's wait options.
     */
    CompletableFuture<Map<String, Object>> waitForIdrRun(HightouchOperation operation, String graphId, String runId) {
        HightouchOperationOptions options = context.options();
        SyncRunWaiter waiter = waiter();
        Instant since = Instant.now();
        return waiter.await(new SyncRunWaiter.Wait(operation.name(), RunType.IDR_RUN, graphId, runId,
                deadline -> waiter.sharedPolls().poll(context.api().budget(), context.api().origin().baseUrl(),
                        RunType.IDR_RUN, graphId, IDR_RUNS_PAGE, runId, since, options.getPollInterval(), deadline,
                        (after, offset, pageDeadline) -> idrRunsPage(graphId, after, offset, pageDeadline),
                        ownDeadline -> idrRun(graphId, runId, ownDeadline)),
                options.getPollInterval(), options.getTimeout(), options.isFailOnWarning(), context.progress(), pace()));
    }

    /**
     * The id of the sync with this slug ({@code GET /syncs?slug=}).
     */
    CompletableFuture<String> syncIdOfSlug(String slug) {
        return context.api().call(HightouchOperation.listSyncs, HightouchHttpMethod.GET,
                HightouchOperation.listSyncs.getPath(), new QueryString().add("slug", slug), null, true)
                .thenApply(answer -> {
                    if (answer.body() instanceof Map<?, ?> page && page.get("data") instanceof List<?> data) {
                        for (Object sync : data) {
                            if (sync instanceof Map<?, ?> map && slug.equals(map.get("slug")) && map.get("id") != null) {
                                return Runs.idText(map.get("id"));
                            }
                        }
                    }
                    throw Futures.rethrow(new HightouchException(
                            "Hightouch triggerSync: no sync with the slug " + slug + " to wait for (GET /syncs?slug=)"));
                });
    }

    /**
     * Waits for a sync run with the endpoint's wait options.
     */
    CompletableFuture<Map<String, Object>> waitForSyncRun(HightouchOperation operation, String syncId, String runId) {
        HightouchOperationOptions options = context.options();
        SyncRunWaiter waiter = waiter();
        Instant since = Instant.now();
        return waiter.await(new SyncRunWaiter.Wait(operation.name(), RunType.SYNC_RUN, syncId, runId,
                deadline -> waiter.sharedPolls().poll(context.api().budget(), context.api().origin().baseUrl(),
                        RunType.SYNC_RUN, syncId, SYNC_RUNS_PAGE, runId, since, options.getPollInterval(), deadline,
                        (after, offset, pageDeadline) -> syncRunsPage(syncId, after, offset, pageDeadline),
                        ownDeadline -> syncRun(syncId, runId, ownDeadline)),
                options.getPollInterval(), options.getTimeout(), options.isFailOnWarning(), context.progress(), pace()));
    }

    /**
     * Waits for a sync sequence run with the endpoint's wait options.
     */
    CompletableFuture<Map<String, Object>> waitForSequenceRun(String sequenceId, String sequenceRunId) {
        HightouchOperationOptions options = context.options();
        return waiter().await(new SyncRunWaiter.Wait(HightouchOperation.triggerSyncSequence.name(),
                RunType.SYNC_SEQUENCE_RUN, sequenceId, sequenceRunId, deadline -> sequenceRun(sequenceRunId, deadline),
                options.getPollInterval(), options.getTimeout(), options.isFailOnWarning(),
                context.progress(), pace()));
    }

    /** The pace of the waits: stretched by the queue of the key's rate limiter, when there is one. */
    private PollPace pace() {
        if (context.api().budget() instanceof RequestRateLimiter limiter) {
            return new PollPace(limiter::waitingCount, limiter::currentRate);
        }
        return PollPace.STEADY;
    }

    private SyncRunWaiter waiter() {
        SyncRunWaiter waiter = context.waiter().get();
        if (waiter == null) {
            throw new IllegalStateException("The hightouch component is not started: cannot wait for a run");
        }
        return waiter;
    }
}
