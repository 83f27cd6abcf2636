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

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;

/**
 * Makes one Hightouch call for the resource, sync-run and sync-sequence operations: builds the request from a path
 * below the base URL, a query and a JSON body, sends it through the endpoint's {@link CallExecutor}, and parses the
 * answer. A non-2xx answer fails the future with a {@code HightouchApiException} when asked to.
 */
public final class ApiCaller {

    private final String baseUrl;
    private final Supplier<CallExecutor> executor;
    private final ResponseMapper responses;

    /**
     * @param baseUrl  the base URL without a trailing slash
     * @param executor the endpoint's executor, looked up per call (it exists only while the endpoint is started)
     */
    public ApiCaller(String baseUrl, Supplier<CallExecutor> executor, ResponseMapper responses) {
        this.baseUrl = baseUrl;
        this.executor = executor;
        this.responses = responses;
    }

    /**
     * The full URL of a path (already encoded) and a query.
     */
    public String url(String path, QueryString query) {
        return baseUrl + path + (query == null ? "" : query.toString());
    }

    /**
     * Sends one request.
     *
     * @param operation     the operation the request belongs to (named in errors and used by the retry policy)
     * @param throwOnFailure whether a non-2xx answer fails the future
     */
    public CompletableFuture<ApiResponse> call(
            HightouchOperation operation, HightouchHttpMethod method, String path, QueryString query, byte[] body,
            boolean throwOnFailure) {
        return send(new HttpCall(operation.name(), method, url(path, query), body, Map.of()), throwOnFailure);
    }

    /**
     * Sends a request built elsewhere (a validated body from the {@link RequestFactory}).
     */
    public CompletableFuture<ApiResponse> send(HttpCall call, boolean throwOnFailure) {
        CallExecutor calls = executor.get();
        if (calls == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "hightouch:" + call.operation() + " is not started; no request was sent"));
        }
        return calls.send(call).thenApply(result -> {
            Object parsed = responses.parse(result.body());
            if (!result.isSuccess() && throwOnFailure) {
                throw new CompletionException(responses.toException(call, result, parsed));
            }
            return new ApiResponse(result.status(), parsed, result.isSuccess(), call, result.attempts());
        });
    }

    /**
     * A parsed answer.
     *
     * @param status  the HTTP status
     * @param body    the parsed JSON (Map, List, String) or null
     * @param success whether the status is 2xx
     * @param call    the request that was sent
     */
    public record ApiResponse(int status, Object body, boolean success, HttpCall call, int attempts) {
    }
}
