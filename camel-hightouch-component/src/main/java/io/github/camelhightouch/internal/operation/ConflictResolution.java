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

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOnConflict;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.Futures;
import io.github.camelhightouch.internal.body.IdResolver;
import io.github.camelhightouch.internal.body.JsonBodies;
import io.github.camelhightouch.internal.call.ApiClient.ApiResponse;
import io.github.camelhightouch.internal.call.ResponseMapper;
import io.github.camelhightouch.internal.http.HightouchRequest;

/**
 * A create that converges (onConflict=update or skip): POST the record; on 409, find the resource with the record's
 * slug ({@link SlugLookup}, exactly one) and PATCH the fields its PATCH accepts, or leave it as it is. Since a
 * repeated create of the same slug ends the same way, the POST is repeatable: a failure that leaves its outcome
 * unknown (a reset after sending, a 500, 502 or 504) is retried like a read, and the retry resolves itself.
 */
final class ConflictResolution {

    static final String CREATED = "created";
    static final String UPDATED = "updated";
    static final String SKIPPED = "skipped";

    /** The fields of each kind that its PATCH accepts, as Hightouch's OpenAPI description states them. */
    static final Map<SlugLookup.Kind, List<String>> PATCHABLE = Map.of(
            SlugLookup.Kind.SOURCE, List.of("name", "configuration"),
            SlugLookup.Kind.DESTINATION, List.of("name", "configuration"),
            SlugLookup.Kind.MODEL, List.of("name", "isSchema", "primaryKey", "folderId", "raw", "table", "custom",
                    "visual", "dbt"),
            SlugLookup.Kind.SYNC, List.of("configuration", "schedule", "disabled"));

    /**
     * One record, ready: its validated POST, its slug and the body of the PATCH that would update it.
     */
    record Plan(HightouchRequest post, String slug, byte[] patch) {
    }

    /**
     * What came of one record.
     *
     * @param outcome created, updated or skipped; null when an answer was not 2xx (throwExceptionOnFailure=false)
     */
    record Outcome(Object body, int status, int attempts, Object id, String outcome) {
    }

    private final OperationContext context;
    private final HightouchOnConflict mode;
    private final SlugLookup.Kind kind;
    private final SlugLookup lookup;

    ConflictResolution(OperationContext context) {
        this.context = context;
        this.mode = context.options().getOnConflict();
        this.kind = SlugLookup.Kind.of(context.operation());
        this.lookup = new SlugLookup(context);
    }

    /** Whether the endpoint's creates converge. */
    static boolean applies(OperationContext context) {
        return SlugLookup.convergesBySlug(context.operation()) && context.options().getOnConflict() != null
               && context.options().getOnConflict() != HightouchOnConflict.fail;
    }

    /**
     * The plan of a validated record, or null after adding its violations: it needs a slug, and with update at least
     * one field the PATCH accepts.
     *
     * @param field the record's name in errors: empty for the body, {@code [3]} for an element
     */
    Plan plan(HightouchRequest post, String field, List<Violation> violations) {
        JsonNode record;
        try {
            record = context.requests().json().mapper().readTree(post.body());
        } catch (IOException | RuntimeException e) {
            violations.add(new Violation(field.isEmpty() ? "body" : field, "cannot be read back as JSON"));
            return null;
        }
        JsonNode slug = record.get("slug");
        if (slug == null || !slug.isTextual() || slug.asText().isBlank()) {
            violations.add(new Violation(field.isEmpty() ? "slug" : field + ".slug",
                    "is required with onConflict=" + mode + ": a resource that exists is found by its slug"));
            return null;
        }
        ObjectNode patch = record.isObject() ? ((ObjectNode) record).objectNode() : null;
        for (String name : PATCHABLE.get(kind)) {
            if (patch != null && record.has(name)) {
                patch.set(name, record.get(name));
            }
        }
        if (mode == HightouchOnConflict.update && (patch == null || patch.isEmpty())) {
            violations.add(new Violation(field.isEmpty() ? "body" : field, "has none of the fields the PATCH of a "
                                                                         + kind.noun() + " accepts ("
                                                                         + String.join(", ", PATCHABLE.get(kind))
                                                                         + "); onConflict=update would have nothing to update"));
            return null;
        }
        try {
            return new Plan(post, slug.asText(), context.requests().json().write(patch, field.isEmpty() ? "body" : field));
        } catch (JsonBodies.InvalidJsonBodyException e) {
            violations.addAll(e.violations());
            return null;
        }
    }

    /**
     * Creates the record, or resolves the conflict.
     */
    CompletableFuture<Outcome> converge(Plan plan) {
        return context.api().send(plan.post().asRepeatable(), context.throwOnFailure())
                .handle((answer, error) -> {
                    if (error != null) {
                        Throwable cause = Futures.unwrap(error);
                        if (cause instanceof HightouchApiException api && api.getStatusCode() == 409) {
                            return resolve(plan, api.getAttempts(), api);
                        }
                        return CompletableFuture.<Outcome>failedFuture(cause);
                    }
                    if (answer.status() == 409) {
                        return resolve(plan, answer.attempts(), null);
                    }
                    return CompletableFuture.completedFuture(outcome(answer, 0, CREATED));
                })
                .thenCompose(next -> next);
    }

    private CompletableFuture<Outcome> resolve(Plan plan, int attempts, HightouchApiException conflict) {
        return lookup.find(kind, plan.slug(), context.operation().name(), true, conflict).thenCompose(found -> {
            int spent = attempts + found.answer().attempts();
            if (found.resource() == null) {
                return CompletableFuture.completedFuture(outcome(found.answer(), attempts, null));
            }
            if (mode == HightouchOnConflict.skip) {
                return CompletableFuture.completedFuture(new Outcome(found.resource(), found.answer().status(), spent,
                        found.resource().get("id"), SKIPPED));
            }
            String path = IdResolver.expand(kind.update().getPath(), kind.id(), found.id());
            HightouchRequest patch = context.api().request(kind.update(), HightouchHttpMethod.PATCH,
                    context.api().url(path, null), plan.patch(), List.of());
            return context.api().send(patch, context.throwOnFailure())
                    .thenApply(answer -> outcome(answer, spent, UPDATED));
        });
    }

    private static Outcome outcome(ApiResponse answer, int attemptsBefore, String outcome) {
        return new Outcome(answer.body(), answer.status(), attemptsBefore + answer.attempts(),
                answer.success() ? ResponseMapper.resourceId(answer.body()) : null, answer.success() ? outcome : null);
    }
}
