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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import io.github.camelhightouch.HightouchException;
import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchOperationOptions;
import io.github.camelhightouch.HightouchSlugLookupException;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.Futures;
import io.github.camelhightouch.internal.body.IdResolver.Id;
import io.github.camelhightouch.internal.call.ApiClient.ApiResponse;
import io.github.camelhightouch.internal.http.QueryString;
import io.github.camelhightouch.internal.run.Runs;

/**
 * Finds the one resource with a slug: {@code GET /sources?slug=...} (the lists that have a slug filter: sources,
 * models, destinations, syncs), then exactly one item whose slug is the one asked for. None, several, or a page that
 * says more follow (or, without hasMore, is full: Hightouch's default limit) is a {@link HightouchSlugLookupException}:
 * the component never picks one of several.
 */
public final class SlugLookup {

    private static final int MAX_SLUG = 256;
    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,18}");

    /**
     * Whether a create can converge with onConflict: only the creates of a kind Hightouch's lists find by slug
     * (createSource, createModel, createDestination, createSync), never the other creates of the operation table.
     */
    public static boolean convergesBySlug(HightouchOperation operation) {
        return operation.isCreate() && Kind.of(operation) != null;
    }

    /** The kinds of resource that can be found by slug, with the operations that list and update them. */
    public enum Kind {
        SOURCE("source", HightouchOperation.listSources, HightouchOperation.updateSource, Id.SOURCE),
        MODEL("model", HightouchOperation.listModels, HightouchOperation.updateModel, Id.MODEL),
        DESTINATION("destination", HightouchOperation.listDestinations, HightouchOperation.updateDestination,
                    Id.DESTINATION),
        SYNC("sync", HightouchOperation.listSyncs, HightouchOperation.updateSync, Id.SYNC);

        private final String noun;
        private final HightouchOperation list;
        private final HightouchOperation update;
        private final Id id;

        Kind(String noun, HightouchOperation list, HightouchOperation update, Id id) {
            this.noun = noun;
            this.list = list;
            this.update = update;
            this.id = id;
        }

        /** The kind an operation works on, or null (the kinds Hightouch's lists can find by slug). */
        public static Kind of(HightouchOperation operation) {
            return switch (operation) {
                case getSource, createSource, updateSource -> SOURCE;
                case getModel, createModel, updateModel -> MODEL;
                case getDestination, createDestination, updateDestination -> DESTINATION;
                case getSync, createSync, updateSync -> SYNC;
                default -> null;
            };
        }

        /** The id of this kind (option, header, path placeholder). */
        public Id id() {
            return id;
        }

        /** The id option of this kind, as set on the endpoint, or null. */
        public String idOption(HightouchOperationOptions options) {
            return switch (this) {
                case SOURCE -> options.getSourceId();
                case MODEL -> options.getModelId();
                case DESTINATION -> options.getDestinationId();
                case SYNC -> options.getSyncId();
            };
        }

        String noun() {
            return noun;
        }

        HightouchOperation update() {
            return update;
        }
    }

    /**
     * The resource found, or the answer that was not 2xx (with throwExceptionOnFailure=false).
     *
     * @param resource the one resource with the slug, or null when the answer failed
     * @param id       its id as digits, or null
     * @param answer   the list answer
     */
    record Found(Map<String, Object> resource, String id, ApiResponse answer) {
    }

    private final OperationContext context;

    SlugLookup(OperationContext context) {
        this.context = context;
    }

    /**
     * Why the text cannot be a slug to look up, or null when it can.
     */
    public static String problem(String slug) {
        if (slug.isBlank()) {
            return "must not be empty";
        }
        if (slug.length() > MAX_SLUG) {
            return "is longer than " + MAX_SLUG + " characters";
        }
        for (int i = 0; i < slug.length(); i++) {
            if (Character.isISOControl(slug.charAt(i))) {
                return "must not contain control characters";
            }
        }
        return null;
    }

    /**
     * A slug from a header: a String that passes {@link #problem}.
     */
    static String check(Object value, String field, String operation) throws HightouchValidationException {
        String problem = value instanceof CharSequence text ? problem(text.toString())
                : "must be a String, got " + value.getClass().getName();
        if (problem != null) {
            throw new HightouchValidationException(operation, List.of(new Violation(field, problem)));
        }
        return value.toString();
    }

    /**
     * Looks the slug up.
     *
     * @param operation     the operation named in errors
     * @param afterConflict the 409 that led to the lookup (a create with onConflict), or null
     * @param conflicted    whether a 409 led to the lookup (also without an exception, throwExceptionOnFailure=false)
     */
    CompletableFuture<Found> find(Kind kind, String slug, String operation, boolean conflicted, Throwable afterConflict) {
        QueryString query = new QueryString().add("slug", slug);
        String path = kind.list.getPath();
        String url = context.api().url(path, query);
        return context.api().call(kind.list, HightouchHttpMethod.GET, path, query, null, context.throwOnFailure())
                .thenApply(answer -> {
                    if (!answer.success()) {
                        return new Found(null, null, answer);
                    }
                    if (!(answer.body() instanceof Map<?, ?> page) || !(page.get("data") instanceof List<?> data)) {
                        throw Futures.rethrow(new HightouchException("hightouch:" + operation + ": GET " + url
                                                                     + " answered without a data array"));
                    }
                    Map<String, Object> match = null;
                    int matches = 0;
                    for (Object item : data) {
                        if (item instanceof Map<?, ?> resource && slug.equals(resource.get("slug"))) {
                            matches++;
                            @SuppressWarnings("unchecked")
                            Map<String, Object> typed = (Map<String, Object>) resource;
                            match = typed;
                        }
                    }
                    // a page that may go on shows neither that one resource has the slug nor that none has
                    boolean maybeMore = Paginator.maybeMore(page.get("hasMore") instanceof Boolean more ? more : null,
                            data.size(), Paginator.DEFAULT_PAGE_SIZE);
                    if (maybeMore) {
                        matches = HightouchSlugLookupException.MORE_THAN_ONE_PAGE;
                    }
                    if (matches != 1) {
                        throw Futures.rethrow(new HightouchSlugLookupException(operation, kind.noun, slug, url, matches,
                                conflicted, afterConflict));
                    }
                    String id = Runs.idText(match.get("id"));
                    if (id == null || !DIGITS.matcher(id).matches()) {
                        throw Futures.rethrow(new HightouchException("hightouch:" + operation + ": GET " + url
                                                                     + " answered a " + kind.noun
                                                                     + " without a usable id"));
                    }
                    return new Found(match, id, answer);
                });
    }
}
