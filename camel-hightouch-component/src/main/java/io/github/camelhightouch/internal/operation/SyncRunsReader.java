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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.internal.Futures;
import io.github.camelhightouch.internal.body.IdResolver;
import io.github.camelhightouch.internal.body.IdResolver.Id;
import io.github.camelhightouch.internal.run.Runs;
import io.github.camelhightouch.internal.run.SyncRun;

/**
 * Reads the runs the syncRuns consumer looks at: those of the sync given by the syncId option, or of every sync
 * ({@code GET /syncs}, then {@code GET /syncs/{id}/runs} for each). The run reads take the endpoint's run filters,
 * orderBy and paging options; {@code GET /syncs} takes only its own paging ({@link ListQuery#allSyncs()}). Runs on
 * the consumer's own thread, so it simply waits for each answer; any failed call fails the whole read, so that a poll
 * sees all of its runs or none.
 */
public final class SyncRunsReader {

    private final OperationContext context;
    private final ListQuery runQuery;

    public SyncRunsReader(OperationContext context) {
        this.context = context;
        this.runQuery = ListQuery.of(HightouchOperation.syncRuns, context.options());
    }

    /**
     * Reads the runs, in the order Hightouch lists them.
     *
     * @throws Exception the first failure of a call
     */
    public List<SyncRun> read() throws Exception {
        List<SyncRun> runs = new ArrayList<>();
        for (String syncId : syncIds()) {
            String path = IdResolver.expand(HightouchOperation.syncRuns.getPath(), Id.SYNC, syncId);
            for (Object item : await(ListHandler.read(context, HightouchOperation.syncRuns, path, runQuery, true)).items()) {
                if (item instanceof Map<?, ?> map && map.get("id") != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> run = (Map<String, Object>) map;
                    runs.add(new SyncRun(syncId, run));
                }
            }
        }
        return runs;
    }

    private List<String> syncIds() throws Exception {
        String syncId = context.ids().option(Id.SYNC);
        if (syncId != null) {
            return List.of(syncId);
        }
        ListQuery allSyncs = ListQuery.allSyncs();
        Paginator syncs = new Paginator("listSyncs (GET " + context.api().url("/syncs", null) + ")",
                (offset, limit) -> context.api().call(HightouchOperation.listSyncs, HightouchHttpMethod.GET, "/syncs",
                        allSyncs.page(offset, limit), null, true),
                null, null, true, context.progress());
        List<String> ids = new ArrayList<>();
        for (Object sync : await(syncs.read()).items()) {
            if (sync instanceof Map<?, ?> map && map.get("id") != null) {
                ids.add(Runs.idText(map.get("id")));
            }
        }
        return ids;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = Futures.unwrap(e);
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw e;
        }
    }
}
