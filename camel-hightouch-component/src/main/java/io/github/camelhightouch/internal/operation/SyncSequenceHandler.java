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

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchRunIdUnknownException;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.internal.body.IdResolver;
import io.github.camelhightouch.internal.body.IdResolver.Id;
import io.github.camelhightouch.internal.call.ResponseMapper;
import io.github.camelhightouch.internal.run.Runs;
import org.apache.camel.Message;

/**
 * triggerSyncSequence starts a sync sequence run ({@code POST /sync-sequences/{id}/trigger}, no body) and, with
 * waitForCompletion, waits until it is done, failed or cancelled; getSyncSequenceRun reads one sequence run with its
 * sync runs.
 */
final class SyncSequenceHandler implements OperationHandler {

    private final OperationContext context;
    private final RunPolls polls;

    SyncSequenceHandler(OperationContext context) {
        this.context = context;
        this.polls = new RunPolls(context);
    }

    @Override
    public CompletableFuture<OperationResult> handle(Message message) throws HightouchValidationException {
        if (context.operation() == HightouchOperation.getSyncSequenceRun) {
            String runId = context.ids().require(Id.SYNC_SEQUENCE_RUN, message);
            String path = IdResolver.expand(HightouchOperation.getSyncSequenceRun.getPath(), Id.SYNC_SEQUENCE_RUN, runId);
            return context.api().call(HightouchOperation.getSyncSequenceRun, HightouchHttpMethod.GET, path, null, null,
                    context.throwOnFailure())
                    .thenApply(answer -> (answer.success()
                            ? result(answer.body(), answer.status(), runId)
                            : OperationResult.of(answer.body(), answer.status()))
                            .withAttempts(answer.attempts()));
        }
        String sequenceId = context.ids().require(Id.SYNC_SEQUENCE, message);
        String path = IdResolver.expand(HightouchOperation.triggerSyncSequence.getPath(), Id.SYNC_SEQUENCE, sequenceId);
        return context.api().call(HightouchOperation.triggerSyncSequence, HightouchHttpMethod.POST, path, null, null,
                context.throwOnFailure())
                .thenCompose(triggered -> {
                    if (!triggered.success()) {
                        return CompletableFuture.completedFuture(OperationResult.of(triggered.body(), triggered.status())
                                .withAttempts(triggered.attempts()));
                    }
                    String runId = Runs.triggeredRunId(ResponseMapper.resourceId(triggered.body()));
                    if (runId == null) {
                        return CompletableFuture.failedFuture(new HightouchRunIdUnknownException(
                                "triggerSyncSequence", sequenceId, triggered.status(),
                                ResponseMapper.text(triggered.body())));
                    }
                    if (!context.options().isWaitForCompletion()) {
                        return CompletableFuture.completedFuture(headers(OperationResult.of(triggered.body(),
                                triggered.status()), runId, null).withAttempts(triggered.attempts()));
                    }
                    return polls.waitForSequenceRun(sequenceId, runId).handle((run, error) -> {
                        if (error != null) {
                            throw FailureWithHeaders.ofWait(error, HightouchConstants.SYNC_SEQUENCE_RUN_ID, runId,
                                    HightouchConstants.SYNC_SEQUENCE_RUN_STATUS);
                        }
                        return result(run, 200, runId).withAttempts(triggered.attempts());
                    });
                });
    }

    private static OperationResult result(Object run, int status, String runId) {
        String runStatus = run instanceof Map<?, ?> map && map.get("status") != null ? map.get("status").toString() : null;
        return headers(OperationResult.of(run, status), runId, runStatus);
    }

    private static OperationResult headers(OperationResult result, String runId, String status) {
        return result.header(HightouchConstants.SYNC_SEQUENCE_RUN_ID, runId)
                .header(HightouchConstants.SYNC_SEQUENCE_RUN_STATUS, status)
                .header(HightouchConstants.RESOURCE_ID, runId);
    }
}
