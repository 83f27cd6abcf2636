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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchOperationOptions;
import io.github.camelhightouch.HightouchRunIdUnknownException;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.body.IdResolver;
import io.github.camelhightouch.internal.body.IdResolver.Id;
import io.github.camelhightouch.internal.call.ApiClient.ApiResponse;
import io.github.camelhightouch.internal.call.ResponseMapper;
import io.github.camelhightouch.internal.run.Runs;
import io.github.camelhightouch.internal.run.SyncRunWaiter;
import org.apache.camel.Message;

/**
 * Triggers a sync run, by sync id ({@code POST /syncs/{syncId}/trigger}) or by slug ({@code POST /syncs/trigger}),
 * with the fullResync, resetCDC and clearAndFill flags; then, with waitForCompletion, waits for that run without
 * holding a thread. The trigger is sent once: it is never repeated, since a second trigger starts a second run.
 */
final class TriggerSyncHandler implements OperationHandler {

    private static final String TRIGGER_BY_SLUG = "/syncs/trigger";

    private final OperationContext context;
    private final RunPolls polls;

    TriggerSyncHandler(OperationContext context) {
        this.context = context;
        this.polls = new RunPolls(context);
    }

    @Override
    public CompletableFuture<OperationResult> handle(Message message) throws HightouchValidationException {
        Target target = target(message);
        HightouchOperationOptions options = context.options();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        String path;
        if (target.syncId() != null) {
            path = IdResolver.expand(HightouchOperation.triggerSync.getPath(), Id.SYNC, target.syncId());
        } else {
            path = TRIGGER_BY_SLUG;
            body.put("syncSlug", target.slug());
        }
        if (options.isFullResync()) {
            body.put("fullResync", true);
        }
        if (options.isResetCDC()) {
            body.put("resetCDC", true);
        }
        if (options.isClearAndFill()) {
            body.put("clearAndFill", true);
        }
        byte[] json = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return context.api().call(HightouchOperation.triggerSync, HightouchHttpMethod.POST, path, null, json,
                context.throwOnFailure())
                .thenCompose(triggered -> afterTrigger(target, triggered));
    }

    private CompletableFuture<OperationResult> afterTrigger(Target target, ApiResponse triggered) {
        if (!triggered.success()) {
            return CompletableFuture.completedFuture(OperationResult.of(triggered.body(), triggered.status(),
                    triggered.attempts()));
        }
        String runId = Runs.triggeredRunId(ResponseMapper.resourceId(triggered.body()));
        if (runId == null) {
            return CompletableFuture.failedFuture(new HightouchRunIdUnknownException("triggerSync",
                    target.syncId() != null ? target.syncId() : target.slug(), triggered.status(),
                    ResponseMapper.text(triggered.body())));
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(HightouchConstants.SYNC_RUN_ID, runId);
        headers.put(HightouchConstants.SYNC_RUN_STATUS, null);
        headers.put(HightouchConstants.RESOURCE_ID, runId);
        if (target.syncId() != null) {
            headers.put(HightouchConstants.SYNC_ID, target.syncId());
        }
        if (!context.options().isWaitForCompletion()) {
            return CompletableFuture.completedFuture(new OperationResult(triggered.body(), triggered.status(),
                    triggered.attempts(), headers));
        }
        CompletableFuture<String> syncId = target.syncId() != null
                ? CompletableFuture.completedFuture(target.syncId()) : polls.syncIdOfSlug(target.slug());
        return syncId
                .thenCompose(id -> polls.waitForSyncRun(HightouchOperation.triggerSync, id, runId))
                .handle((run, error) -> {
                    if (error != null) {
                        throw FailureWithHeaders.ofWait(error, HightouchConstants.SYNC_RUN_ID, runId, HightouchConstants.SYNC_RUN_STATUS);
                    }
                    headers.put(HightouchConstants.SYNC_RUN_STATUS, SyncRunWaiter.status(run));
                    return new OperationResult(run, 200, triggered.attempts(), headers);
                });
    }

    /**
     * The sync to trigger: the headers decide when either is present, else the options; never both an id and a slug.
     */
    private Target target(Message message) throws HightouchValidationException {
        IdResolver ids = context.ids();
        String syncId;
        String slug;
        if (message.getHeader(Id.SYNC.header()) != null || message.getHeader(Id.SYNC_SLUG.header()) != null) {
            syncId = ids.header(Id.SYNC, message);
            slug = ids.header(Id.SYNC_SLUG, message);
            if (syncId != null && slug != null) {
                throw new HightouchValidationException("triggerSync", List.of(new Violation(
                        "header " + Id.SYNC.header() + ", header " + Id.SYNC_SLUG.header(),
                        "both are set; set one of them to choose the sync to trigger")));
            }
        } else {
            syncId = ids.option(Id.SYNC);
            slug = ids.option(Id.SYNC_SLUG);
        }
        if (syncId == null && slug == null) {
            throw new HightouchValidationException("triggerSync", List.of(new Violation("syncId",
                    "is required for hightouch:triggerSync: set the syncId or syncSlug option, or the "
                                                                                  + Id.SYNC.header() + " or "
                                                                                  + Id.SYNC_SLUG.header() + " header")));
        }
        return new Target(syncId, slug);
    }

    private record Target(String syncId, String slug) {
    }
}
