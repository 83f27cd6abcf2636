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

import java.util.concurrent.CompletableFuture;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.internal.body.IdResolver;
import io.github.camelhightouch.internal.body.IdResolver.Id;
import io.github.camelhightouch.internal.call.ApiClient;
import io.github.camelhightouch.internal.call.ResponseMapper;
import org.apache.camel.Message;

/**
 * Reads ({@code GET /sources/{sourceId}}, ...) or updates ({@code PATCH}, the validated message body) one resource
 * identified by its id.
 */
final class ResourceHandler implements OperationHandler {

    private final OperationContext context;
    private final Id id;

    ResourceHandler(OperationContext context, Id id) {
        this.context = context;
        this.id = id;
    }

    @Override
    public CompletableFuture<OperationResult> handle(Message message) throws HightouchValidationException {
        HightouchOperation operation = context.operation();
        String value = context.ids().require(id, message);
        String path = IdResolver.expand(operation.getPath(), id, value);
        CompletableFuture<ApiClient.ApiResponse> answer;
        if (operation.getMethod() == HightouchHttpMethod.PATCH) {
            answer = context.api().send(context.requests().single(message.getBody(), context.api().url(path, null)),
                    context.throwOnFailure());
        } else {
            answer = context.api().call(operation, HightouchHttpMethod.GET, path, null, null, context.throwOnFailure());
        }
        return answer.thenApply(response -> OperationResult.of(response.body(), response.status())
                .header(HightouchConstants.RESOURCE_ID, response.success() ? ResponseMapper.resourceId(response.body()) : null)
                .withAttempts(response.attempts()));
    }
}
