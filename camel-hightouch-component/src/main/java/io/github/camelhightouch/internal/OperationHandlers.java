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

import java.util.EnumSet;
import java.util.Set;

import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchOperationOptions;
import io.github.camelhightouch.internal.IdResolver.Id;

/**
 * Chooses the handler of each operation and checks, when the endpoint starts, that its options fit the operation.
 */
public final class OperationHandlers {

    private static final Set<HightouchOperation> LISTS = EnumSet.of(HightouchOperation.listSources,
            HightouchOperation.listModels, HightouchOperation.listDestinations, HightouchOperation.listSyncs,
            HightouchOperation.listSyncRuns, HightouchOperation.syncRuns);
    private static final Set<HightouchOperation> TRIGGERS
            = EnumSet.of(HightouchOperation.triggerSync, HightouchOperation.triggerSyncSequence);
    private static final Set<HightouchOperation> WAITS = EnumSet.of(HightouchOperation.triggerSync,
            HightouchOperation.triggerSyncSequence, HightouchOperation.waitForSyncRun);

    private OperationHandlers() {
    }

    /**
     * The handler of the operation, or null for the syncRuns consumer, which has no producer.
     *
     * @throws IllegalArgumentException naming the option that does not fit
     */
    public static OperationHandler create(OperationContext context) {
        check(context.operation(), context.options());
        context.ids().checkOptions();
        return switch (context.operation()) {
            case getSource, updateSource -> new ResourceHandler(context, Id.SOURCE);
            case getModel, updateModel -> new ResourceHandler(context, Id.MODEL);
            case getDestination, updateDestination -> new ResourceHandler(context, Id.DESTINATION);
            case getSync, updateSync -> new ResourceHandler(context, Id.SYNC);
            case listSources, listModels, listDestinations, listSyncs, listSyncRuns -> new ListHandler(context);
            case triggerSync -> new TriggerSyncHandler(context);
            case getSyncRun, waitForSyncRun -> new SyncRunHandler(context);
            case triggerSyncSequence, getSyncSequenceRun -> new SyncSequenceHandler(context);
            case syncRuns -> {
                ListQuery.of(HightouchOperation.syncRuns, context.options()).check();
                yield null;
            }
            case createSource, createModel, createDestination, createSync, raw -> new RecordsHandler(context,
                    context.batchMode());
        };
    }

    private static void check(HightouchOperation operation, HightouchOperationOptions options) {
        if (!TRIGGERS.contains(operation)) {
            refuse(options.isWaitForCompletion(), "waitForCompletion", "triggerSync and triggerSyncSequence", operation);
        }
        if (operation != HightouchOperation.triggerSync) {
            refuse(options.isFullResync(), "fullResync", "triggerSync", operation);
            refuse(options.isResetCDC(), "resetCDC", "triggerSync", operation);
            refuse(options.isClearAndFill(), "clearAndFill", "triggerSync", operation);
            refuse(options.getSyncSlug() != null, "syncSlug", "triggerSync", operation);
        }
        if (operation != HightouchOperation.syncRuns) {
            refuse(options.isTerminalOnly(), "terminalOnly", "the syncRuns consumer", operation);
            refuse(options.getIdempotentRepository() != null, "idempotentRepository", "the syncRuns consumer", operation);
        }
        if (!LISTS.contains(operation)) {
            String lists = "list operations";
            refuse(!options.isPaginate(), "paginate", lists, operation);
            refuse(options.getLimit() != null, "limit", lists, operation);
            refuse(options.getOffset() != null, "offset", lists, operation);
            refuse(options.getOrderBy() != null, "orderBy", lists, operation);
            refuse(options.getName() != null, "name", lists, operation);
            refuse(options.getSlug() != null, "slug", lists, operation);
            refuse(options.getTags() != null, "tags", lists, operation);
            refuse(options.getAfter() != null, "after", lists, operation);
            refuse(options.getBefore() != null, "before", lists, operation);
            refuse(options.getWithin() != null, "within", lists, operation);
        }
        if (WAITS.contains(operation)) {
            if (options.getPollInterval() < 1) {
                throw new IllegalArgumentException("pollInterval: must be at least 1 ms, got " + options.getPollInterval());
            }
            if (options.getTimeout() < 1) {
                throw new IllegalArgumentException("timeout: must be at least 1 ms, got " + options.getTimeout());
            }
        }
    }

    private static void refuse(boolean set, String option, String forWhat, HightouchOperation operation) {
        if (set) {
            throw new IllegalArgumentException(option + ": is only for " + forWhat + ", not for hightouch:" + operation);
        }
    }
}
