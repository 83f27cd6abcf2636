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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchException;
import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.internal.Futures;
import io.github.camelhightouch.internal.body.IdResolver;
import io.github.camelhightouch.internal.body.IdResolver.Id;
import io.github.camelhightouch.internal.http.QueryString;
import io.github.camelhightouch.internal.run.Runs;
import io.github.camelhightouch.internal.run.SyncRunWaiter;
import org.apache.camel.Message;

/**
 * getSyncRun reads one run of a sync; waitForSyncRun waits for a run that something else triggered, the way
 * triggerSync waits for its own.
 */
final class SyncRunHandler implements OperationHandler {

    private final OperationContext context;
    private final RunPolls polls;

    SyncRunHandler(OperationContext context) {
        this.context = context;
        this.polls = new RunPolls(context);
    }

    @Override
    public CompletableFuture<OperationResult> handle(Message message) throws HightouchValidationException {
        String syncId = context.ids().require(Id.SYNC, message);
        String runId = context.ids().require(Id.SYNC_RUN, message);
        if (context.operation() == HightouchOperation.waitForSyncRun) {
            return polls.waitForSyncRun(HightouchOperation.waitForSyncRun, syncId, runId).handle((run, error) -> {
                if (error != null) {
                    throw FailureWithHeaders.ofWait(error, HightouchConstants.SYNC_RUN_ID, runId, HightouchConstants.SYNC_RUN_STATUS);
                }
                return result(run, 200, runId);
            });
        }
        String path = IdResolver.expand(HightouchOperation.getSyncRun.getPath(), Id.SYNC, syncId);
        return context.api().call(HightouchOperation.getSyncRun, HightouchHttpMethod.GET, path,
                new QueryString().add("runId", runId), null, context.throwOnFailure())
                .thenApply(answer -> {
                    if (!answer.success()) {
                        return OperationResult.of(answer.body(), answer.status())
                                .withAttempts(answer.attempts());
                    }
                    Map<String, Object> run = Runs.findRun(answer.body(), runId);
                    if (run == null) {
                        if (context.throwOnFailure()) {
                            throw Futures.rethrow(new HightouchException("Hightouch getSyncRun: sync " + syncId + " has no run "
                                                                      + runId
                                                                      + " (a run can take a moment to appear after its trigger)"));
                        }
                        return result(null, answer.status(), runId)
                                .withAttempts(answer.attempts());
                    }
                    return result(run, answer.status(), runId).withAttempts(answer.attempts());
                });
    }

    private static OperationResult result(Map<String, Object> run, int status, String runId) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(HightouchConstants.SYNC_RUN_ID, runId);
        headers.put(HightouchConstants.SYNC_RUN_STATUS, run == null ? null : SyncRunWaiter.status(run));
        headers.put(HightouchConstants.RESOURCE_ID, run == null ? null : run.get("id"));
        return new OperationResult(run, status, 0, headers);
    }
}
