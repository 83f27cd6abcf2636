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

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.camelhightouch.HightouchBatchException;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.internal.ApiCaller.ApiResponse;
import org.apache.camel.Message;

/**
 * Sends the message body as records: the create operations and raw. One request for a record; for a List body, one
 * request per element, in order (unless raw's batchMode sends the List as one array), stopping at the first failure
 * with a {@link HightouchBatchException} that names what was created and what was not sent.
 */
final class RecordsHandler implements OperationHandler {

    private final OperationContext context;
    private final boolean batchMode;

    RecordsHandler(OperationContext context, boolean batchMode) {
        this.context = context;
        this.batchMode = batchMode;
    }

    @Override
    public CompletableFuture<OperationResult> handle(Message message) throws HightouchValidationException {
        Object body = message.getBody();
        if (body instanceof Collection<?> records && !batchMode) {
            List<Object> elements = new ArrayList<>(records);
            return sendInOrder(context.requests().each(elements), elements, 0, new ArrayList<>(), new ArrayList<>(), null);
        }
        return context.api().send(context.requests().single(body), context.throwOnFailure())
                .thenApply(RecordsHandler::result);
    }

    private CompletableFuture<OperationResult> sendInOrder(
            List<HttpCall> calls, List<Object> records, int index, List<Object> results, List<Object> ids,
            ApiResponse last) {
        if (index == calls.size()) {
            return CompletableFuture.completedFuture(OperationResult.of(results, last.status())
                    .header(HightouchConstants.RESOURCE_ID, ids)
                    .header(HightouchConstants.ATTEMPTS, last.attempts()));
        }
        HttpCall call = calls.get(index);
        return context.api().send(call, context.throwOnFailure())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CompletionException(new HightouchBatchException(
                                call.operation(), ids, results, index, calls.size(),
                                List.copyOf(records.subList(index, records.size())), OperationInvoker.unwrap(error)));
                    }
                    results.add(response.body());
                    ids.add(response.success() ? ResponseMapper.resourceId(response.body()) : null);
                    return response;
                })
                .thenCompose(response -> sendInOrder(calls, records, index + 1, results, ids, response));
    }

    private static OperationResult result(ApiResponse response) {
        return OperationResult.of(response.body(), response.status())
                .header(HightouchConstants.RESOURCE_ID, response.success() ? ResponseMapper.resourceId(response.body()) : null)
                .header(HightouchConstants.ATTEMPTS, response.attempts());
    }
}
