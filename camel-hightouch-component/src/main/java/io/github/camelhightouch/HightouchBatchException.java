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
package io.github.camelhightouch;

import java.util.List;

/**
 * A List body sent one element per request stopped at its first failure. Says which elements were created (with
 * their ids), which one failed (the cause) and which were not sent, so that the error handler can deal with exactly
 * the rest: {@link #getRemaining()} is the failed element followed by the unsent ones.
 */
public class HightouchBatchException extends HightouchException {

    private static final long serialVersionUID = 1L;

    private final transient List<Object> createdIds;
    private final transient List<Object> results;
    private final int failedIndex;
    private final int size;
    private final transient List<Object> remaining;

    public HightouchBatchException(String operation, List<Object> createdIds, List<Object> results, int failedIndex,
                                   int size, List<Object> remaining, Throwable cause) {
        super(describe(operation, createdIds, failedIndex, size, cause), cause);
        this.createdIds = List.copyOf(createdIds);
        this.results = results;
        this.failedIndex = failedIndex;
        this.size = size;
        this.remaining = remaining;
    }

    /** The ids of the elements created before the failure, in order (elements 0 to failedIndex - 1). */
    public List<Object> getCreatedIds() {
        return createdIds;
    }

    /** The parsed responses of the created elements, in order. */
    public List<Object> getResults() {
        return results;
    }

    /** The index of the element whose request failed. */
    public int getFailedIndex() {
        return failedIndex;
    }

    /** How many elements the List body had. */
    public int getSize() {
        return size;
    }

    /** The elements not created: the failed one, then those not sent, as they were in the body. */
    public List<Object> getRemaining() {
        return remaining;
    }

    private static String describe(String operation, List<Object> createdIds, int failedIndex, int size, Throwable cause) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("hightouch:").append(operation).append(" stopped at element ").append(failedIndex)
                .append(" of a List of ").append(size).append(": ");
        if (createdIds.isEmpty()) {
            sb.append("no element was created");
        } else {
            sb.append("elements 0-").append(failedIndex - 1).append(" were created (ids ").append(createdIds).append(')');
        }
        sb.append("; element ").append(failedIndex).append(" failed");
        if (failedIndex + 1 < size) {
            sb.append("; elements ").append(failedIndex + 1).append('-').append(size - 1).append(" were not sent");
        }
        if (cause != null) {
            sb.append(". Cause: ").append(cause.getMessage());
        }
        return sb.toString();
    }
}
