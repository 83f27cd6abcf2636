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
package io.github.camelhightouch.internal.call;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.github.camelhightouch.HightouchException;
import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.internal.http.ExtraHeaders;
import io.github.camelhightouch.internal.http.HightouchOrigin;
import io.github.camelhightouch.internal.http.HightouchRequest;
import io.github.camelhightouch.internal.http.QueryString;

/**
 * The Hightouch API as the operations see it: builds requests from a path below the base URL, a query and a JSON
 * body, runs them through the endpoint's {@link CallRunner}, and parses the answers. A non-2xx answer fails the future
 * with a {@code HightouchApiException} when asked to.
 */
public final class ApiClient {

    /** For a call without a deadline of its own: the call's requestTimeout alone bounds it. */
    public static final long NO_DEADLINE = Long.MIN_VALUE;

    private final HightouchOrigin origin;
    private final Supplier<CallRunner> runner;
    private final ResponseMapper responses;

    /**
     * @param runner the endpoint's runner, looked up per call (it exists only while the endpoint is started)
     */
    public ApiClient(HightouchOrigin origin, Supplier<CallRunner> runner, ResponseMapper responses) {
        this.origin = origin;
        this.runner = runner;
        this.responses = responses;
    }

    /**
     * The origin every request of this client goes to.
     */
    public HightouchOrigin origin() {
        return origin;
    }

    /**
     * What this client's requests spend: the key's rate limiter, shared by every endpoint of the key, or the
     * endpoint's own runner when rate limiting is off (or this client itself before the endpoint starts). Compared by
     * identity, it tells which reads may share a request.
     */
    public Object budget() {
        CallRunner calls = runner.get();
        if (calls == null) {
            return this;
        }
        return calls.rateLimiter() != null ? calls.rateLimiter() : calls;
    }

    /**
     * The full URL of a path (already encoded) and a query.
     */
    public String url(String path, QueryString query) {
        return origin.baseUrl() + path + (query == null ? "" : query.toString());
    }

    /**
     * A request of an operation to a path below the base URL; whether it may be repeated is decided here, once, from
     * the operation and the method.
     */
    public HightouchRequest request(HightouchOperation operation, HightouchHttpMethod method, String url, byte[] body,
                                    List<ExtraHeaders.Header> headers) {
        return origin.request(operation.name(), method, url, body, headers, operation.isIdempotent(method));
    }

    /**
     * Sends one request.
     *
     * @param operation      the operation the request belongs to (named in errors, decides whether it is repeatable)
     * @param throwOnFailure whether a non-2xx answer fails the future
     */
    public CompletableFuture<ApiResponse> call(
            HightouchOperation operation, HightouchHttpMethod method, String path, QueryString query, byte[] body,
            boolean throwOnFailure) {
        return call(operation, method, path, query, body, throwOnFailure, NO_DEADLINE);
    }

    /**
     * Sends one request that must end by a deadline ({@link System#nanoTime()}), e.g. the poll of a wait.
     */
    public CompletableFuture<ApiResponse> call(
            HightouchOperation operation, HightouchHttpMethod method, String path, QueryString query, byte[] body,
            boolean throwOnFailure, long deadline) {
        return send(request(operation, method, url(path, query), body, List.of()), throwOnFailure, deadline);
    }

    /**
     * Sends a request built elsewhere (a validated body from the {@link RequestFactory}).
     */
    public CompletableFuture<ApiResponse> send(HightouchRequest request, boolean throwOnFailure) {
        return send(request, throwOnFailure, NO_DEADLINE);
    }

    private CompletableFuture<ApiResponse> send(HightouchRequest request, boolean throwOnFailure, long deadline) {
        CallRunner calls = runner.get();
        if (calls == null) {
            // a wait's poll that comes between its endpoint's stop and its component's ends as the stop's other waits
            return CompletableFuture.failedFuture(new HightouchException(
                    "hightouch:" + request.operation() + " is not started, or is stopping; no request was sent"));
        }
        return (deadline == NO_DEADLINE ? calls.send(request) : calls.send(request, deadline)).thenApply(answer -> {
            Object parsed = responses.parse(answer.body());
            if (!answer.isSuccess() && throwOnFailure) {
                throw new CompletionException(responses.toException(request, answer, parsed));
            }
            return new ApiResponse(answer.status(), parsed, answer.isSuccess(), request, answer.attempts());
        });
    }

    /**
     * A parsed answer.
     *
     * @param status  the HTTP status
     * @param body    the parsed JSON (Map, List, String) or null
     * @param success whether the status is 2xx
     * @param request  the request that was sent
     * @param attempts how many attempts it took
     */
    public record ApiResponse(int status, Object body, boolean success, HightouchRequest request, int attempts) {
    }
}
