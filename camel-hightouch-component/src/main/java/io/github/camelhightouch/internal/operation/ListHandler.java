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
import io.github.camelhightouch.HightouchOperationOptions;
import io.github.camelhightouch.HightouchValidationException;
import org.apache.camel.Message;

/**
 * Lists sources, models, destinations, syncs, the runs of a sync or of an identity graph, event contracts and domains,
 * decision engine flows or the messages of a flow (the ids of the path from headers or options): the body becomes the
 * List of the items of every page (paginate=true), or of one page with the CamelHightouchHasMore header.
 */
final class ListHandler implements OperationHandler {

    private final OperationContext context;
    private final ListQuery query;
    private final PathIds pathIds;

    ListHandler(OperationContext context) {
        this.context = context;
        this.query = ListQuery.of(context.operation(), context.options());
        this.pathIds = new PathIds(context.operation().getPath());
    }

    @Override
    public CompletableFuture<OperationResult> handle(Message message) throws HightouchValidationException {
        HightouchOperation operation = context.operation();
        String path = pathIds.expand(operation.name(), context.ids(), message);
        return read(context, operation, path, query, context.throwOnFailure()).thenApply(pages -> {
            if (pages.failure() != null) {
                return OperationResult.of(pages.failure().body(), pages.failure().status())
                        .header(HightouchConstants.HAS_MORE, null);
            }
            boolean paginate = context.options().isPaginate();
            return OperationResult.of(pages.items(), pages.status())
                    .header(HightouchConstants.HAS_MORE, paginate ? null : pages.maybeMore());
        });
    }

    /**
     * Reads a list with the endpoint's paging options; a non-2xx answer fails the read when throwOnFailure is set.
     */
    static CompletableFuture<Paginator.Pages> read(
            OperationContext context, HightouchOperation operation, String path, ListQuery query, boolean throwOnFailure) {
        HightouchOperationOptions options = context.options();
        String finalPath = path;
        Paginator paginator = new Paginator(operation + " (GET " + context.api().url(path, null) + ")",
                (offset, limit) -> context.api().call(operation, HightouchHttpMethod.GET, finalPath, query.page(offset, limit),
                        null, throwOnFailure),
                options.getLimit(), options.getOffset(), options.isPaginate(), context.progress());
        return paginator.read();
    }
}
