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

import java.util.function.Supplier;

import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchOperationOptions;
import io.github.camelhightouch.internal.body.IdResolver;
import io.github.camelhightouch.internal.call.ApiClient;
import io.github.camelhightouch.internal.progress.ProgressLog;
import io.github.camelhightouch.internal.run.SyncRunWaiter;

/**
 * What every operation handler of an endpoint shares.
 *
 * @param operation      the endpoint's operation
 * @param options        the endpoint's operation options
 * @param throwOnFailure the throwExceptionOnFailure option
 * @param api            sends requests
 * @param ids            finds ids in headers and options
 * @param requests       validates and encodes message bodies (for updates)
 * @param waiter         the component's run waiter (available once the component is started)
 * @param batchMode      the batchMode option: a List body goes out as one array (raw only)
 * @param progress       where progress lines go (the progressLoggingLevel option)
 */
public record OperationContext(
        HightouchOperation operation, HightouchOperationOptions options, boolean throwOnFailure, ApiClient api,
        IdResolver ids, RequestFactory requests, Supplier<SyncRunWaiter> waiter, boolean batchMode, ProgressLog progress) {

    /** A context that logs no progress. */
    public OperationContext(HightouchOperation operation, HightouchOperationOptions options, boolean throwOnFailure,
                            ApiClient api, IdResolver ids, RequestFactory requests, Supplier<SyncRunWaiter> waiter,
                            boolean batchMode) {
        this(operation, options, throwOnFailure, api, ids, requests, waiter, batchMode, ProgressLog.OFF);
    }

    public OperationContext {
        progress = progress == null ? ProgressLog.OFF : progress;
    }
}
