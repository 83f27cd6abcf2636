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

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.body.IdResolver.Id;
import org.apache.camel.Message;

/**
 * getSource, getModel, getDestination and getSync by id ({@link ResourceHandler}) or by slug ({@link SlugLookup}). The
 * headers decide when either is present (both at once are refused), else the options (both at once are refused when
 * the endpoint is created).
 */
final class GetBySlugHandler implements OperationHandler {

    private static final String SLUG_HEADER = "header " + HightouchConstants.SLUG;

    private final OperationContext context;
    private final SlugLookup.Kind kind;
    private final OperationHandler byId;
    private final SlugLookup lookup;

    GetBySlugHandler(OperationContext context) {
        this.context = context;
        this.kind = SlugLookup.Kind.of(context.operation());
        this.byId = new ResourceHandler(context, kind.id());
        this.lookup = new SlugLookup(context);
    }

    @Override
    public CompletableFuture<OperationResult> handle(Message message) throws HightouchValidationException {
        String operation = context.operation().name();
        Id id = kind.id();
        Object idHeader = message.getHeader(id.header());
        Object slugHeader = message.getHeader(HightouchConstants.SLUG);
        String slug;
        if (idHeader != null || slugHeader != null) {
            if (idHeader != null && slugHeader != null) {
                throw new HightouchValidationException(operation, List.of(new Violation(
                        "header " + id.header() + ", " + SLUG_HEADER,
                        "both are set; set one of them to choose the " + kind.noun() + " to read")));
            }
            if (idHeader != null) {
                return byId.handle(message);
            }
            slug = SlugLookup.check(slugHeader, SLUG_HEADER, operation);
        } else if (context.options().getSlug() != null) {
            slug = context.options().getSlug();
        } else if (kind.idOption(context.options()) != null) {
            return byId.handle(message);
        } else {
            throw new HightouchValidationException(operation, List.of(new Violation(id.option(),
                    "is required for hightouch:" + operation + ": set the " + id.option() + " or slug option, or the "
                                                                                + id.header() + " or "
                                                                                + HightouchConstants.SLUG + " header")));
        }
        return lookup.find(kind, slug, operation, false, null).thenApply(found -> {
            if (found.resource() == null) {
                return OperationResult.of(found.answer().body(), found.answer().status(), found.answer().attempts())
                        .header(HightouchConstants.RESOURCE_ID, null);
            }
            return OperationResult.of(found.resource(), found.answer().status(), found.answer().attempts())
                    .header(HightouchConstants.RESOURCE_ID, found.resource().get("id"));
        });
    }
}
