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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.body.OperationSchemas;
import io.github.camelhightouch.internal.call.ApiClient.ApiResponse;
import io.github.camelhightouch.internal.call.ResponseMapper;
import io.github.camelhightouch.internal.http.HightouchRequest;
import org.apache.camel.Message;

/**
 * One request to a path with ids, for the operations of identity resolution, campaigns, event contracts and domains
 * and the decision engine that are neither lists nor waits: reads ({@code GET}), creates, updates and actions
 * ({@code POST}/{@code PATCH}). An operation with a body schema sends the message body, validated; the others send no
 * body, whatever the message holds. Missing or invalid ids and every problem of the body are reported together,
 * before anything is sent. Whether a request may be repeated comes from the operation table: reads and PATCH updates
 * may, creates and actions (triggers, runs, queueing) never once they may have reached Hightouch.
 */
final class RestOperationHandler implements OperationHandler {

    private final OperationContext context;
    private final PathIds pathIds;
    private final boolean sendsBody;
    private final ResultHeaders resultHeaders;

    RestOperationHandler(OperationContext context) {
        this.context = context;
        this.pathIds = new PathIds(context.operation().getPath());
        this.sendsBody = OperationSchemas.forOperation(context.operation()) != null;
        this.resultHeaders = ResultHeaders.of(context.operation());
    }

    @Override
    public CompletableFuture<OperationResult> handle(Message message) throws HightouchValidationException {
        HightouchOperation operation = context.operation();
        List<Violation> problems = new ArrayList<>();
        String path = pathIds.expand(context.ids(), message, problems);
        HightouchRequest request = null;
        if (sendsBody) {
            try {
                // without a path (an id is wrong) the body is still checked, against the unexpanded URL, never sent
                request = context.requests().single(message.getBody(),
                        path == null ? context.requests().url() : context.api().url(path, null));
            } catch (HightouchValidationException e) {
                problems.addAll(e.getViolations());
            }
        }
        if (!problems.isEmpty()) {
            throw new HightouchValidationException(operation.name(), problems);
        }
        CompletableFuture<ApiResponse> answer = request != null
                ? context.api().send(request, context.throwOnFailure())
                : context.api().call(operation, operation.getMethod(), path, null, null, context.throwOnFailure());
        return answer.thenApply(this::result);
    }

    private OperationResult result(ApiResponse response) {
        OperationResult result = OperationResult.of(response.body(), response.status()).withAttempts(response.attempts());
        Object body = response.success() ? response.body() : null;
        result.header(HightouchConstants.RESOURCE_ID, ResponseMapper.resourceId(body));
        resultHeaders.add(body instanceof Map<?, ?> map ? map : null, result);
        return result;
    }

    /** The headers an operation takes from its answer (null values remove stale headers after a failure). */
    @FunctionalInterface
    interface ResultHeaders {

        void add(Map<?, ?> answer, OperationResult result);

        static ResultHeaders of(HightouchOperation operation) {
            return switch (operation) {
                case queueIdrReprocessing -> (answer, result) -> result.header(HightouchConstants.IDR_REQUEST_ID,
                        text(answer, "requestId"));
                case getIdrReprocessStatus -> (answer, result) -> result.header(HightouchConstants.IDR_REPROCESS_STATUS,
                        text(answer, "status"));
                case getCampaignSend -> (answer, result) -> result.header(HightouchConstants.CAMPAIGN_SEND_STATUS,
                        text(answer, "status"));
                case triggerCampaign -> (answer, result) -> result
                        .header(HightouchConstants.CAMPAIGN_ACCEPTED, count(answer, "accepted"))
                        .header(HightouchConstants.CAMPAIGN_REJECTED, count(answer, "rejected"));
                default -> (answer, result) -> {
                };
            };
        }

        private static String text(Map<?, ?> answer, String field) {
            Object value = answer == null ? null : answer.get(field);
            return value == null ? null : value.toString();
        }

        /** How many of the campaign's per-recipient results have the status; null without a results array. */
        private static Integer count(Map<?, ?> answer, String status) {
            if (answer == null || !(answer.get("results") instanceof List<?> results)) {
                return null;
            }
            int count = 0;
            for (Object item : results) {
                if (item instanceof Map<?, ?> map && status.equals(map.get("status"))) {
                    count++;
                }
            }
            return count;
        }
    }
}
