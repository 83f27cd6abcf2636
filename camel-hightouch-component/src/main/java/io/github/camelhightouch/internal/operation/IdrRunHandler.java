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

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchRunIdUnknownException;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.internal.body.IdResolver;
import io.github.camelhightouch.internal.body.IdResolver.Id;
import io.github.camelhightouch.internal.call.ApiClient.ApiResponse;
import io.github.camelhightouch.internal.call.ResponseMapper;
import io.github.camelhightouch.internal.run.Runs;
import io.github.camelhightouch.internal.run.SyncRunWaiter;
import org.apache.camel.Message;

/**
 * triggerIdrRun starts an identity resolution run of a graph ({@code POST /idr/{graphId}/trigger}, with fullRerun)
 * and, with waitForCompletion, waits for it as triggerSync waits for a sync run; waitForIdrRun waits for a run that
 * something else started. The trigger is sent once: never repeated, since a second trigger queues a second run.
 * <p>
 * The deprecated alias {@code POST /id_graphs/{graphId}/trigger} is not used: Hightouch documents it as the same
 * trigger under its old path.
 */
final class IdrRunHandler implements OperationHandler {

    private final OperationContext context;
    private final RunPolls polls;

    IdrRunHandler(OperationContext context) {
        this.context = context;
        this.polls = new RunPolls(context);
    }

    @Override
    public CompletableFuture<OperationResult> handle(Message message) throws HightouchValidationException {
        HightouchOperation operation = context.operation();
        String graphId = context.ids().require(Id.GRAPH, message);
        if (operation == HightouchOperation.waitForIdrRun) {
            String runId = context.ids().require(Id.IDR_RUN, message);
            return waitFor(graphId, runId, 0);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (context.options().isFullRerun()) {
            body.put("fullRerun", true);
        }
        String path = IdResolver.expand(operation.getPath(), Id.GRAPH, graphId);
        return context.api().call(operation, HightouchHttpMethod.POST, path, null,
                body.toString().getBytes(StandardCharsets.UTF_8), context.throwOnFailure())
                .thenCompose(triggered -> afterTrigger(graphId, triggered));
    }

    private CompletableFuture<OperationResult> afterTrigger(String graphId, ApiResponse triggered) {
        if (!triggered.success()) {
            return CompletableFuture.completedFuture(OperationResult.of(triggered.body(), triggered.status(),
                    triggered.attempts()).header(HightouchConstants.IDR_RUN_ID, null)
                    .header(HightouchConstants.IDR_RUN_STATUS, null));
        }
        String runId = Runs.triggeredRunId(ResponseMapper.resourceId(triggered.body()));
        if (runId == null) {
            return CompletableFuture.failedFuture(new HightouchRunIdUnknownException("triggerIdrRun", graphId,
                    triggered.status(), ResponseMapper.text(triggered.body())));
        }
        if (!context.options().isWaitForCompletion()) {
            return CompletableFuture.completedFuture(headers(OperationResult.of(triggered.body(), triggered.status(),
                    triggered.attempts()), graphId, runId, null));
        }
        return waitFor(graphId, runId, triggered.attempts());
    }

    private CompletableFuture<OperationResult> waitFor(String graphId, String runId, int attempts) {
        return polls.waitForIdrRun(context.operation(), graphId, runId).handle((run, error) -> {
            if (error != null) {
                throw FailureWithHeaders.ofWait(error, HightouchConstants.IDR_RUN_ID, runId,
                        HightouchConstants.IDR_RUN_STATUS);
            }
            return headers(OperationResult.of(run, 200, attempts), graphId, runId, SyncRunWaiter.status(run));
        });
    }

    private static OperationResult headers(OperationResult result, String graphId, String runId, String status) {
        return result.header(HightouchConstants.IDR_RUN_ID, runId)
                .header(HightouchConstants.IDR_RUN_STATUS, status)
                .header(HightouchConstants.RESOURCE_ID, runId)
                .header(HightouchConstants.GRAPH_ID, graphId);
    }
}
