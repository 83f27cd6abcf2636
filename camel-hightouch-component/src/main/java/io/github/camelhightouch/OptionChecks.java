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
package io.github.camelhightouch;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.camelhightouch.internal.body.IdResolver;
import io.github.camelhightouch.internal.http.ExtraHeaders;
import io.github.camelhightouch.internal.operation.ListQuery;

/**
 * Every check of an endpoint's options, in one place, run once when the endpoint is initialized: a bad value fails
 * the route at start with an IllegalArgumentException that names the option.
 */
final class OptionChecks {

    /** Far above Hightouch's 200 per 10 s; each permit costs a timestamp. */
    static final int MAX_RATE_LIMIT = 100_000;
    /** The largest rate-limit queue a user may ask for. */
    static final int MAX_QUEUE = 1_000_000;

    private static final Set<HightouchOperation> LISTS = EnumSet.of(HightouchOperation.listSources,
            HightouchOperation.listModels, HightouchOperation.listDestinations, HightouchOperation.listSyncs,
            HightouchOperation.listSyncRuns, HightouchOperation.syncRuns, HightouchOperation.listIdrRuns,
            HightouchOperation.listEventContracts, HightouchOperation.listEventDomains, HightouchOperation.listFlows,
            HightouchOperation.listFlowMessages);
    private static final Set<HightouchOperation> TRIGGERS = EnumSet.of(HightouchOperation.triggerSync,
            HightouchOperation.triggerSyncSequence, HightouchOperation.triggerIdrRun);
    private static final Set<HightouchOperation> WAITS = EnumSet.of(HightouchOperation.triggerSync,
            HightouchOperation.triggerSyncSequence, HightouchOperation.waitForSyncRun, HightouchOperation.triggerIdrRun,
            HightouchOperation.waitForIdrRun);

    private OptionChecks() {
    }

    /**
     * Checks the options of an endpoint; returns the extra headers of raw, checked.
     */
    static List<ExtraHeaders.Header> check(HightouchOperation operation, HightouchConfiguration configuration,
                                           HightouchOperationOptions options) {
        configuration.checkValues(!operation.isEvent());
        if (operation.isEvent()) {
            checkEvents(operation, configuration);
        }
        List<ExtraHeaders.Header> headers = checkRaw(operation, options);
        checkFit(operation, options);
        ImportOptionChecks.check(operation, options);
        new IdResolver(operation.name(), options).checkOptions();
        if (LISTS.contains(operation)) {
            ListQuery.of(operation, options).check();
        }
        if (operation == HightouchOperation.triggerSync && options.getSyncId() != null && options.getSyncSlug() != null) {
            throw new IllegalArgumentException("syncId, syncSlug: set one of them for hightouch:triggerSync, not both");
        }
        if (WAITS.contains(operation)) {
            between("pollInterval", options.getPollInterval(), 1, Long.MAX_VALUE);
            between("timeout", options.getTimeout(), 1, Long.MAX_VALUE);
        }
        return headers;
    }

    /** The most events in one batch a user may ask for. */
    static final int MAX_BATCH_SIZE = 10_000;
    /** The smallest batchBytes: room for the batch envelope and a small event. */
    static final int MIN_BATCH_BYTES = 1024;

    /** The options of the events operations: the write key and the batching values. */
    private static void checkEvents(HightouchOperation operation, HightouchConfiguration configuration) {
        if (configuration.getWriteKey() == null || configuration.getWriteKey().isBlank()) {
            throw new IllegalArgumentException("writeKey: must be set for hightouch:" + operation
                                               + " (the write key of a Hightouch Events source; the REST apiKey is"
                                               + " not used by the events operations)");
        }
        between("batchSize", configuration.getBatchSize(), 1, MAX_BATCH_SIZE);
        between("batchBytes", configuration.getBatchBytes(), MIN_BATCH_BYTES, HightouchConfiguration.MAX_BATCH_BYTES);
        between("maxQueuedEvents", configuration.getMaxQueuedEvents(), 1, MAX_QUEUE);
        between("flushTimeout", configuration.getFlushTimeout(), 0, Integer.MAX_VALUE);
        if (configuration.getQueueFullPolicy() == null) {
            throw new IllegalArgumentException("queueFullPolicy: must be wait or fail");
        }
        if (configuration.getLingerMs() < 0 || configuration.getLingerMs() >= configuration.getRequestTimeout()) {
            throw new IllegalArgumentException("lingerMs: must be at least 0 and below requestTimeout ("
                                               + configuration.getRequestTimeout() + " ms), got "
                                               + configuration.getLingerMs());
        }
    }

    /** A value within bounds, or an error that names the option, the bounds and the value. */
    static void between(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + ": must be " + (max == Long.MAX_VALUE ? "at least " + min
                    : "between " + min + " and " + max) + ", got " + value);
        }
    }

    private static List<ExtraHeaders.Header> checkRaw(HightouchOperation operation, HightouchOperationOptions options) {
        boolean hasHeaders = options.getHeaders() != null && !options.getHeaders().isEmpty();
        if (operation == HightouchOperation.raw) {
            if (options.getUrl() == null || options.getUrl().isBlank()) {
                throw new IllegalArgumentException("url: must be set for hightouch:raw (e.g. url=/syncs/42/trigger)");
            }
            if (options.getHttpMethod() == null) {
                throw new IllegalArgumentException("httpMethod: must be set for hightouch:raw");
            }
            return ExtraHeaders.check(options.getHeaders());
        }
        refuse(options.getUrl() != null, "url", "hightouch:raw", operation);
        refuse(hasHeaders, "header.*", "hightouch:raw", operation);
        if (options.isBatchMode()) {
            throw new IllegalArgumentException("batchMode: Hightouch has no batch " + operation
                                               + "; batchMode=true is only for hightouch:raw. A List body on "
                                               + operation + " is sent one element per request.");
        }
        return List.of();
    }

    private static void checkFit(HightouchOperation operation, HightouchOperationOptions options) {
        if (!TRIGGERS.contains(operation)) {
            refuse(options.isWaitForCompletion(), "waitForCompletion",
                    "triggerSync, triggerSyncSequence and triggerIdrRun", operation);
        }
        if (operation != HightouchOperation.triggerIdrRun) {
            refuse(options.isFullRerun(), "fullRerun", "triggerIdrRun", operation);
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
            refuse(options.getSlug() != null && !ImportOptionChecks.READS_BY_SLUG.contains(operation), "slug",
                    "list operations and getSource, getModel, getDestination, getSync", operation);
            refuse(options.getTags() != null, "tags", lists, operation);
            refuse(options.getAfter() != null, "after", lists, operation);
            refuse(options.getBefore() != null, "before", lists, operation);
            refuse(options.getWithin() != null, "within", lists, operation);
        }
    }

    private static void refuse(boolean set, String option, String forWhat, HightouchOperation operation) {
        if (set) {
            throw new IllegalArgumentException(option + ": is only for " + forWhat + ", not for hightouch:" + operation);
        }
    }
}
